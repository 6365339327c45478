from airflow.sdk import DAG

DEFAULT_ARGS = {"owner": "data-team", "retries": 2}

with DAG("owned", schedule=None, default_args=DEFAULT_ARGS):
    pass
