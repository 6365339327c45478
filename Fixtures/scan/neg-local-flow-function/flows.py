from prefect import flow


@flow
def real_flow():
    pass


def flow(fn=None, **kwargs):
    return fn


@flow
def shadowed():
    pass
