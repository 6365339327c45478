from prefect import flow


@flow(name="ops-healthcheck")
def healthcheck(message: str = "ok"):
    print(message)
