from mylib.dags import TeamDAG


class NightlyDAG(TeamDAG):
    """A subclass of a subclass, two modules away from Airflow's DAG."""
