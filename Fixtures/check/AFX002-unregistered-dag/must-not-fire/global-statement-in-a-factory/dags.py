from airflow.sdk import DAG

nightly = None


def make_nightly():
    global nightly
    nightly = DAG("nightly", schedule="@daily")
