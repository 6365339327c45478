from prefect import flow


@flow
def hello(name: str = "world"):
    print(f"hello {name}")
