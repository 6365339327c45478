from airflow.sdk import DAG

# 100 characters: exactly what Airflow's column holds.
with DAG("tagged", schedule=None, tags=["tttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttt"]):
    pass
