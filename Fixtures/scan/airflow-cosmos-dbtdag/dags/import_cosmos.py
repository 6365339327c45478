"""`import cosmos`: the DAG class as an attribute of the module (airflow)."""
from pathlib import Path

import cosmos

PROJECT = Path(__file__).parent.parent / "dbt" / "shop"
CONFIG = dict(
    project_config=cosmos.ProjectConfig(PROJECT),
    profile_config=cosmos.ProfileConfig(
        profile_name="shop", target_name="dev", profiles_yml_filepath=PROJECT / "profiles.yml"
    ),
    render_config=cosmos.RenderConfig(load_method=cosmos.LoadMode.CUSTOM),
)

weekly = cosmos.DbtDag(dag_id="shop_weekly", schedule="@weekly", **CONFIG)

# Neither held by a module global nor entered: Airflow drops it.
cosmos.DbtDag(dag_id="shop_dropped", schedule=None, **CONFIG)
