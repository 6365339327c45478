from airflow.providers.standard.operators.empty import EmptyOperator
from teamlib.dags import TeamDAG

with TeamDAG("wrapped", schedule=None):
    EmptyOperator(task_id="extract") >> EmptyOperator(task_id="load")
