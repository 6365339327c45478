from prefect import flow

CONFIG = {"name": "nested"}
label = f"{CONFIG["name"]}-{'x'}"
deep = f"{f"{f"{1}"}"}"


@flow(name=f"{"quoted"}-flow")
def nested_quotes():
    pass


type Alias = int


@flow
def after_new_syntax(x: Alias = 1):
    pass
