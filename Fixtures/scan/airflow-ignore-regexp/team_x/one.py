from airflow.models import DAG
from airflow.providers.standard.operators.empty import EmptyOperator

with DAG("regexp_team_x_one_py", schedule=None):
    EmptyOperator(task_id="t")
