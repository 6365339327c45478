import pendulum
from airflow.providers.standard.operators.bash import BashOperator
from airflow.sdk import DAG


def test_bash_operator_runs():
    dag = DAG("dag", schedule=None, start_date=pendulum.datetime(2024, 1, 1))
    task = BashOperator(task_id="echo", bash_command="echo 1", dag=dag)
    assert task.dag_id == "dag"


def test_two_tasks_chain():
    dag = DAG("dag", schedule=None)
    first = BashOperator(task_id="first", bash_command="true", dag=dag)
    second = BashOperator(task_id="second", bash_command="true", dag=dag)
    first >> second
    assert second.upstream_task_ids == {"first"}
