"""An Airflow DAG file that imports nothing from Airflow but the team's class."""
import teamlib.dags

weekly = teamlib.dags.TeamDAG(dag_id="only_wrapper", schedule="@weekly")
