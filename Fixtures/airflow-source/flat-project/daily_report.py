from airflow.sdk import DAG
from airflow.providers.standard.operators.bash import BashOperator

with DAG("daily_report", schedule="@daily"):
    BashOperator(task_id="render", bash_command="echo render")
