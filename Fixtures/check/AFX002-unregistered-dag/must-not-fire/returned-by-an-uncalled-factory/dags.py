from airflow.sdk import DAG


def build():
    return DAG("built", schedule=None)
