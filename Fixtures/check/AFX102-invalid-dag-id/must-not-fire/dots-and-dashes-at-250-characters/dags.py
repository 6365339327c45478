from airflow.sdk import DAG

# 250 characters: the longest dag_id Airflow accepts.
with DAG("team.etl-team.etl-team.etl-team.etl-team.etl-team.etl-team.etl-team.etl-team.etl-team.etl-team.etl-team.etl-team.etl-team.etl-team.etl-team.etl-team.etl-team.etl-team.etl-team.etl-team.etl-team.etl-team.etl-team.etl-team.etl-team.etl-team.etl-team.ex", schedule=None):
    pass
