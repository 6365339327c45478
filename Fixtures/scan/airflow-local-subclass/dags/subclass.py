from airflow.sdk import DAG
from airflow.providers.standard.operators.empty import EmptyOperator


class TeamDAG(DAG):
    """A DAG with team defaults."""


with TeamDAG("team_subclass", schedule=None):
    EmptyOperator(task_id="work")
