from airflow.sdk import DAG

DAG("scratch_two", schedule=None)
