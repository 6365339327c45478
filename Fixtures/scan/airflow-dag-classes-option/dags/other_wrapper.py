"""Another class named TeamDAG is not the configured one: no DAG (airflow)."""
from teamlib import dags as TeamDAG

settings = TeamDAG.__name__
