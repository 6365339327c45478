from airflow.sdk import DAG

# \w matches letters of any script, as Python's re does.
with DAG("données_quotidiennes", schedule=None):
    pass
