"""A team subclass of cosmos' DbtDag: its tasks are not known statically (airflow)."""
from pathlib import Path

from cosmos import LoadMode, ProfileConfig, ProjectConfig, RenderConfig
from mylib.dbt import TeamDbtDag

PROJECT = Path(__file__).parent.parent / "dbt" / "shop"

team_dbt = TeamDbtDag(
    dag_id="team_dbt",
    project_config=ProjectConfig(PROJECT),
    profile_config=ProfileConfig(profile_name="shop", target_name="dev", profiles_yml_filepath=PROJECT / "profiles.yml"),
    render_config=RenderConfig(load_method=LoadMode.CUSTOM),
)
