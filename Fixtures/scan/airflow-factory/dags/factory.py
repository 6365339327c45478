from airflow.sdk import DAG
from airflow.providers.standard.operators.empty import EmptyOperator


def create_dag(name, schedule=None):
    with DAG(dag_id=f"factory_{name}", schedule=schedule) as dag:
        start = EmptyOperator(task_id="start")
        finish = EmptyOperator(task_id=f"finish_{name}")
        start >> finish
    return dag


for team in ["red", "blue"]:
    globals()[f"dag_{team}"] = create_dag(team)

single = create_dag("single", "@daily")


def make_plain(dag_id):
    return DAG(dag_id, schedule=None)


kept = make_plain("plain_kept")
make_plain("plain_dropped")
