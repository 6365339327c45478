from prefect import flow


@flow(name="etl")
def etl():
    """A Prefect flow; it shares no namespace with Airflow's dag_ids."""
