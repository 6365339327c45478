from airflow.sdk import DAG
from airflow.providers.standard.operators.bash import BashOperator

from utils import default_args, dataset_names

for name in dataset_names():
    with DAG(f"{name}-collection", schedule=None, default_args=default_args):
        BashOperator(task_id="collect", bash_command=f"collect {name}")

with DAG("collection-index", schedule="@daily", default_args=default_args):
    BashOperator(task_id="index", bash_command="index")
