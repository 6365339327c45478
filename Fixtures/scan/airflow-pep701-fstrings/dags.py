# PEP 701 (Python 3.12) f-strings as dag_ids and task_ids: the same quote
# inside a replacement field, nested f-strings, a backslash and a comment in
# the expression. Checked against Python's documented semantics: the DagBag
# comparison's interpreter is 3.11 and cannot parse this file (requires-python).
from airflow.providers.standard.operators.empty import EmptyOperator
from airflow.sdk import DAG

TEAM = {"name": "data"}
PARTS = ["a", "b"]

with DAG(f"{TEAM["name"]}_daily", schedule=None):
    EmptyOperator(task_id=f"{f"{f"{1}"}"}_nested")

with DAG(f"joined_{"_".join(PARTS)}", schedule=None):
    EmptyOperator(task_id=f"{"\x65"}xtract")

with DAG(
    f"multiline_{
        TEAM["name"]  # a comment inside the replacement field (PEP 701)
    }",
    schedule=None,
):
    EmptyOperator(task_id="t")
