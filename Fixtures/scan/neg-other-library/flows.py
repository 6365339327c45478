from metaflow import flow
import dagster as prefect


@flow
def metaflow_step():
    pass


@prefect.flow
def not_prefect_either():
    pass
