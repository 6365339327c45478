from airflow.sdk import DAG
from airflow.providers.standard.operators.empty import EmptyOperator

ENV = "prod"

with DAG("conditional_tasks", schedule=None) as dag:
    if ENV == "prod":
        EmptyOperator(task_id="prod_only")
    else:
        EmptyOperator(task_id="dev_only")

if __name__ == "__main__":
    dag.test()
