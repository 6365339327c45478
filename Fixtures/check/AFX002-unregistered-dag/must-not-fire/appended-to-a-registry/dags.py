from airflow.sdk import DAG

REGISTRY = {}
ALL_DAGS = []


def register(name):
    dag = DAG(name, schedule=None)
    ALL_DAGS.append(dag)
    REGISTRY[name] = dag
