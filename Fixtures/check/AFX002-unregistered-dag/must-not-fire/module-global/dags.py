from airflow.sdk import DAG

kept = DAG("kept", schedule=None)
