from airflow.sdk import asset


@asset(schedule="@daily", uri="s3://bucket/raw")
def raw_data():
    """Fetch raw data."""
    return {"rows": 1}


@asset(schedule=raw_data)
def cleaned_data():
    pass
