from airflow.sdk import DAG
from airflow.providers.standard.operators.bash import BashOperator
from airflow.providers.standard.operators.python import PythonOperator
from airflow.providers.standard.sensors.time_delta import TimeDeltaSensor
from datetime import timedelta
from airflow.providers.standard.operators.empty import EmptyOperator

with DAG("operator_edges", schedule=None) as dag:
    start = EmptyOperator(task_id="start")
    wait = TimeDeltaSensor(task_id="wait", delta=timedelta(seconds=1))
    bash = BashOperator(task_id="bash", bash_command="echo hi")
    py = PythonOperator(task_id="python", python_callable=lambda: None)
    left = EmptyOperator(task_id="left")
    right = EmptyOperator(task_id="right")
    end = EmptyOperator(task_id="end")

    start >> wait >> [bash, py]
    end << [left, right]
    bash.set_downstream(left)
    right.set_upstream(py)
