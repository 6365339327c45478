from airflow.sdk import DAG

# 100 characters (200 bytes in UTF-8): the column counts characters.
with DAG("tagged", schedule=None, tags=["éééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééé"]):
    pass
