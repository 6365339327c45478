"""cosmos passes DbtDag's positional arguments to its converter as well (airflow)."""
from pathlib import Path

from cosmos import DbtDag, LoadMode, ProfileConfig, ProjectConfig, RenderConfig

PROJECT = Path(__file__).parent.parent / "dbt" / "shop"

broken = DbtDag(
    "shop_positional",
    project_config=ProjectConfig(PROJECT),
    profile_config=ProfileConfig(profile_name="shop", target_name="dev", profiles_yml_filepath=PROJECT / "profiles.yml"),
    render_config=RenderConfig(load_method=LoadMode.CUSTOM),
)
