from prefect import flow


@flow(description="Loads the orders.")
def described(limit: int = 1):
    pass
