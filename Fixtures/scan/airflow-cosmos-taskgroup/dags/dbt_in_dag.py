"""DbtTaskGroup: cosmos builds the group's tasks from a dbt project at import.
Its tasks are not known statically; what feeds its roots and what its leaves
feed are."""
from datetime import datetime
from pathlib import Path

from airflow.providers.standard.operators.empty import EmptyOperator
from airflow.sdk import DAG, TaskGroup, dag, task
from cosmos import DbtTaskGroup, LoadMode, ProfileConfig, ProjectConfig, RenderConfig

PROJECT = Path(__file__).parent.parent / "dbt" / "shop"
DBT = dict(
    project_config=ProjectConfig(PROJECT),
    profile_config=ProfileConfig(profile_name="shop", target_name="dev", profiles_yml_filepath=PROJECT / "profiles.yml"),
    render_config=RenderConfig(load_method=LoadMode.CUSTOM),
)

with DAG("elt", schedule=None, start_date=datetime(2024, 1, 1)):
    extract = EmptyOperator(task_id="extract")
    transform = DbtTaskGroup(group_id="transform", **DBT)
    load = EmptyOperator(task_id="load")
    extract >> transform >> load

with DAG("nested_groups", schedule=None, start_date=datetime(2024, 1, 1)):
    start = EmptyOperator(task_id="start")
    with TaskGroup("warehouse") as warehouse:
        staging = DbtTaskGroup("staging", **DBT)
        # cosmos' default group_id is dbt_task_group.
        marts = DbtTaskGroup(**DBT)
        staging >> marts
    start >> warehouse >> EmptyOperator(task_id="done")


@dag(schedule=None, start_date=datetime(2024, 1, 1))
def taskflow_with_dbt():
    @task
    def announce():
        return "ready"

    announce() >> DbtTaskGroup(group_id="models", prefix_group_id=False, **DBT)


taskflow_with_dbt()
