from airflow import DAG

dag = DAG(dag_id="nightly", schedule="0 2 * * *")
