from datetime import datetime, timedelta

import pendulum
from airflow.sdk import DAG, Param
from airflow.providers.standard.operators.empty import EmptyOperator

with DAG(
    dag_id="metadata_rich",
    description="Loads the warehouse",
    doc_md="# Warehouse\nNightly load.",
    schedule="0 2 * * *",
    start_date=pendulum.datetime(2024, 1, 1, tz="UTC"),
    end_date=datetime(2030, 12, 31),
    catchup=True,
    tags=["warehouse", "nightly"],
    max_active_runs=1,
    max_active_tasks=8,
    params={"limit": 100, "mode": Param("full", type="string"), "window": Param(default=7, type="integer")},
    is_paused_upon_creation=False,
    dag_display_name="Warehouse load",
    default_args={"owner": "data-team", "retries": 2, "retry_delay": timedelta(minutes=5), "email": ["a@example.com"]},
    dagrun_timeout=timedelta(hours=2),
    render_template_as_native_obj=True,
):
    EmptyOperator(task_id="t")
