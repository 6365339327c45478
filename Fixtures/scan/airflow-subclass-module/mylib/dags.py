"""The team's DAG classes (a library module of the tree, no DAGs of its own)."""
from airflow.sdk import DAG


class TeamDAG(DAG):
    """Every team DAG starts unpaused."""


class Settings:
    def __init__(self, name):
        self.name = name
