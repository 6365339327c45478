import airflow
from airflow import models
from airflow.providers.standard.operators.empty import EmptyOperator

with airflow.DAG("via_airflow_module", schedule=None):
    EmptyOperator(task_id="a")

with models.DAG("via_models_module", schedule=None):
    EmptyOperator(task_id="b")
