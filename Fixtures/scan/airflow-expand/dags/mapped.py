from airflow.sdk import DAG, task
from airflow.providers.standard.operators.bash import BashOperator


@task
def numbers():
    return [1, 2, 3]


@task
def add_one(x, y):
    return x + y


with DAG("mapped_tasks", schedule=None):
    added = add_one.partial(y=1).expand(x=numbers())
    echo = BashOperator.partial(task_id="echo").expand(bash_command=["echo 1", "echo 2"])
    added >> echo
