"""Two levels deep, and through the package's re-export (airflow)."""
from datetime import datetime

from mylib import TeamDAG as Team
from mylib.deep import NightlyDAG

nightly = NightlyDAG(dag_id="team_nightly", schedule="@daily", start_date=datetime(2024, 1, 1))
reexported = Team(dag_id="team_reexported", schedule=None)
