"""DbtDag from its module, under an alias, entered with `with` to add a task of its own (airflow)."""
from datetime import datetime
from pathlib import Path

from airflow.providers.standard.operators.empty import EmptyOperator
from cosmos.airflow.dag import DbtDag as Dbt
from cosmos.config import ProfileConfig, ProjectConfig, RenderConfig
from cosmos.constants import LoadMode

PROJECT = Path(__file__).parent.parent / "dbt" / "shop"

with Dbt(
    dag_id="shop_entered",
    project_config=ProjectConfig(PROJECT),
    profile_config=ProfileConfig(profile_name="shop", target_name="dev", profiles_yml_filepath=PROJECT / "profiles.yml"),
    render_config=RenderConfig(load_method=LoadMode.CUSTOM),
    schedule=None,
    start_date=datetime(2024, 1, 1),
):
    EmptyOperator(task_id="notify")
