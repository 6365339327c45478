from airflow.sdk import DAG

# 101 characters: one more than Airflow's column holds.
with DAG("tagged", schedule=None, tags=["ttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttt"]):
    pass
