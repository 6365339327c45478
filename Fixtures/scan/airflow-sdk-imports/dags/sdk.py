from airflow.sdk import DAG, dag, task
from airflow.providers.standard.operators.empty import EmptyOperator


@dag(schedule=None)
def sdk_decorated():
    @task
    def hello():
        return "hi"

    hello()


sdk_decorated()

with DAG("sdk_class", schedule=None):
    EmptyOperator(task_id="t")
