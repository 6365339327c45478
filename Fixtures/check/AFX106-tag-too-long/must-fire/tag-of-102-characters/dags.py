from airflow.sdk import DAG

with DAG("tagged", schedule=None, tags=["an-extremely-long-tag-name-that-keeps-going-and-going-far-beyond-any-reasonable-limit-for-a-tag-really"]):
    pass
