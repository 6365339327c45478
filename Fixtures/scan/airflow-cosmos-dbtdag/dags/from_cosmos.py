"""A dbt project as an Airflow DAG: cosmos builds one task per model at import."""
from datetime import datetime
from pathlib import Path

from cosmos import DbtDag, LoadMode, ProfileConfig, ProjectConfig, RenderConfig

PROJECT = Path(__file__).parent.parent / "dbt" / "shop"
PROFILE = ProfileConfig(profile_name="shop", target_name="dev", profiles_yml_filepath=PROJECT / "profiles.yml")

shop_daily = DbtDag(
    dag_id="shop_daily",
    project_config=ProjectConfig(PROJECT),
    profile_config=PROFILE,
    # cosmos' own parser: reading the project needs no dbt installation.
    render_config=RenderConfig(load_method=LoadMode.CUSTOM),
    schedule="@daily",
    start_date=datetime(2024, 1, 1),
    catchup=False,
    tags=["dbt"],
)
