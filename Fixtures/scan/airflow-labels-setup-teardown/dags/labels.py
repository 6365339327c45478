from airflow.sdk import DAG, Label, setup, task, teardown
from airflow.providers.standard.operators.empty import EmptyOperator


@setup
def create_cluster():
    return "cluster"


@teardown
def delete_cluster(cluster):
    pass


@task
def work():
    pass


with DAG("labels_and_setup", schedule=None):
    check = EmptyOperator(task_id="check")
    ok = EmptyOperator(task_id="ok")
    fail = EmptyOperator(task_id="fail")
    check >> Label("good") >> ok
    check >> Label("bad") >> fail
    cluster = create_cluster()
    with delete_cluster(cluster):
        work()
