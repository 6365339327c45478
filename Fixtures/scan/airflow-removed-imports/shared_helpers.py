# Builds no DAG, but every DAG file importing it fails too: reported on its own.
import airflow.contrib.hooks.ssh_hook  # noqa: F401
from airflow.utils.dates import days_ago

START = days_ago(2)
