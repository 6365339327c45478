from airflow.sdk import DAG

# 251 characters: one more than Airflow accepts.
with DAG("team.etl-team.etl-team.etl-team.etl-team.etl-team.etl-team.etl-team.etl-team.etl-team.etl-team.etl-team.etl-team.etl-team.etl-team.etl-team.etl-team.etl-team.etl-team.etl-team.etl-team.etl-team.etl-team.etl-team.etl-team.etl-team.etl-team.etl-team.exy", schedule=None):
    pass
