from airflow.sdk import DAG


def tenant_dags(tenants):
    for tenant in tenants:
        yield DAG(f"export_{tenant}", schedule=None)
