from airflow.sdk import DAG
from airflow.providers.standard.operators.bash import BashOperator

with DAG("monthly_report", schedule="@monthly"):
    BashOperator(task_id="render", bash_command="echo render")
