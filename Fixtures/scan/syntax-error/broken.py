from prefect import flow


@flow
def before_error():
    pass


def broken(:
    pass


@flow
def after_error():
    pass
