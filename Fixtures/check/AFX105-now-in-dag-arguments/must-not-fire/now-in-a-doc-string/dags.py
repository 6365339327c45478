from datetime import datetime

from airflow.sdk import DAG

with DAG("documented", schedule="@daily", start_date=datetime(2024, 1, 1),
         doc_md="Never pass start_date=datetime.now() here."):
    pass
