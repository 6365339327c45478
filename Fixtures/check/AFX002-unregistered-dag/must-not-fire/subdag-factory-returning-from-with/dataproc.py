"""A SubDAG factory, called from DAG files of other modules or repositories."""
from airflow import models
from airflow.providers.standard.operators.bash import BashOperator


def spark_subdag(parent_dag_name, child_dag_name, default_args):
    with models.DAG(dag_id=f"{parent_dag_name}.{child_dag_name}", default_args=default_args, schedule=None) as dag:
        create = BashOperator(task_id="create_cluster", bash_command="true")
        run = BashOperator(task_id="run_job", bash_command="true")
        create >> run
        return dag
