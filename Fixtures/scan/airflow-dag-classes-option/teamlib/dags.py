from airflow.sdk import DAG


class TeamDAG(DAG):
    """The team's wrapper, as an installed package would ship it."""
