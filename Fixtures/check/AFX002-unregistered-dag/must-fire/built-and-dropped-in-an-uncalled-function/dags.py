from airflow.providers.standard.operators.bash import BashOperator
from airflow.sdk import DAG


def build():
    dag = DAG("built", schedule=None)
    BashOperator(task_id="hello", bash_command="echo hello", dag=dag)
