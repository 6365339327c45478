from airflow.sdk import DAG

with DAG("nightly_etl", dag_display_name="Nightly ETL", schedule=None):
    pass
