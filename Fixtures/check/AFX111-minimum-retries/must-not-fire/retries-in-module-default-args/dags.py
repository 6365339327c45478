from airflow.sdk import DAG

DEFAULT_ARGS = {"owner": "data-team", "retries": 3}

with DAG("sturdy", schedule=None, default_args=DEFAULT_ARGS):
    pass
