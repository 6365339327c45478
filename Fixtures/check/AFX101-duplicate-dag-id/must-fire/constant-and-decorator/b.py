from airflow.sdk import dag


@dag(dag_id="etl", schedule=None)
def export():
    pass


export()
