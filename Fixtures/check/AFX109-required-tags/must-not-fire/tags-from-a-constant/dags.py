from airflow.sdk import DAG

TEAM_TAGS = ["team-data", "nightly"]

with DAG("tagged", schedule=None, tags=TEAM_TAGS):
    pass
