from airflow.sdk import DAG

for name in ["first", "second"]:
    dag = DAG(name, schedule=None)  # only the last one survives
