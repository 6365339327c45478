from airflow.sdk import DAG

for name in ["first", "second"]:
    globals()[name] = DAG(name, schedule=None)
