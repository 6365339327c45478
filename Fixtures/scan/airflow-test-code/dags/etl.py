from airflow.sdk import DAG

with DAG("etl", schedule="@daily"):
    pass
