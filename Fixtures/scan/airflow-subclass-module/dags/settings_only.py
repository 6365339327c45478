"""Calls a class of the tree that is no DAG class: no DAG here (airflow)."""
from mylib.dags import Settings

dag_settings = Settings("daily")
