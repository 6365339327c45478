from prefect import flow


def flow_name():
    return "etl"


@flow(name=flow_name())
def etl():
    pass
