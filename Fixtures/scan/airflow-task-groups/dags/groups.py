from airflow.sdk import DAG, TaskGroup, task, task_group
from airflow.providers.standard.operators.empty import EmptyOperator


@task_group
def process(value):
    @task
    def double(x):
        return x * 2

    @task
    def store(x):
        pass

    store(double(value))


with DAG("task_groups", schedule=None):
    start = EmptyOperator(task_id="start")
    with TaskGroup("section") as section:
        one = EmptyOperator(task_id="one")
        with TaskGroup("inner") as inner:
            two = EmptyOperator(task_id="two")
            three = EmptyOperator(task_id="three")
            two >> three
        one >> inner
    with TaskGroup("flat", prefix_group_id=False) as flat:
        EmptyOperator(task_id="unprefixed")
    end = EmptyOperator(task_id="end")
    start >> section >> flat >> end
    process(1) >> end
    process(2)
