# Imports neither Prefect nor Airflow: no flow can be lost here.
def helper(:
    pass
