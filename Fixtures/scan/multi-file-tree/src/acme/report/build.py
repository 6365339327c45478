from prefect import flow


@flow
def build_report():
    pass


@flow
def build_summary():
    pass
