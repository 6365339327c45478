from airflow.sdk import DAG
from airflow.providers.standard.operators.empty import EmptyOperator

for customer in ["acme", "globex"]:
    with DAG(f"customer_{customer}", schedule=None):
        EmptyOperator(task_id=f"load_{customer}")

REGIONS = {"eu": "@daily", "us": "@hourly"}
for region, cron in REGIONS.items():
    with DAG(dag_id="region_" + region, schedule=cron):
        EmptyOperator(task_id="sync")

for index in range(2):
    with DAG(f"shard_{index}", schedule=None):
        EmptyOperator(task_id="work")
