"""Nothing here names the scheduler, so its safe-mode byte test skips this file."""
from pathlib import Path

from cosmos import DbtDag, LoadMode, ProfileConfig, ProjectConfig, RenderConfig

PROJECT = Path(__file__).parent.parent / "dbt" / "shop"

hidden = DbtDag(
    dag_id="shop_hidden",
    project_config=ProjectConfig(PROJECT),
    profile_config=ProfileConfig(profile_name="shop", target_name="dev", profiles_yml_filepath=PROJECT / "profiles.yml"),
    render_config=RenderConfig(load_method=LoadMode.CUSTOM),
)
