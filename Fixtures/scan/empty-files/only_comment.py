# prefect
