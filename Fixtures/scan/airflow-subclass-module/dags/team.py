from datetime import datetime

from airflow.providers.standard.operators.empty import EmptyOperator
from mylib.dags import Settings, TeamDAG

SETTINGS = Settings("team")

with TeamDAG("team_pipeline", schedule=None, start_date=datetime(2024, 1, 1)):
    EmptyOperator(task_id="extract") >> EmptyOperator(task_id="load")
