from prefect import *


@flow
def starred(count: int = 1, label: str = "x"):
    pass


def flow(fn):
    return fn


@flow
def shadowed_after_definition():
    pass
