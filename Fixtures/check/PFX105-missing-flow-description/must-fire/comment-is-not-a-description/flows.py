from prefect import flow


# Loads the orders. (A comment is not a docstring.)
@flow
def load_orders():
    pass
