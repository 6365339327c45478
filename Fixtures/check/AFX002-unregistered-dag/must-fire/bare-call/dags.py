from airflow.sdk import DAG

DAG("dropped", schedule=None)
