# Parenthesized context managers (Python 3.10): `with (A as a, B as b):`.
# tree-sitter keeps the parentheses around a single `as` item.
import pendulum
from airflow.providers.standard.operators.empty import EmptyOperator
from airflow.sdk import DAG, TaskGroup

START = pendulum.datetime(2024, 1, 1)

with (DAG("paren_two_items", start_date=START, schedule=None) as two, TaskGroup("grp") as grp):
    EmptyOperator(task_id="inside") >> EmptyOperator(task_id="next")

with (DAG("paren_single_as", start_date=START, schedule=None) as single):
    first = EmptyOperator(task_id="first")
    second = EmptyOperator(task_id="second")
    first >> second

with (DAG("paren_no_as", start_date=START, schedule=None)):
    EmptyOperator(task_id="alone")

with (
    DAG("paren_multiline", start_date=START, schedule=None) as multiline,
    TaskGroup("outer") as outer,
    TaskGroup("inner") as inner,
):
    EmptyOperator(task_id="deep")

# A DAG object entered again later, inside parentheses.
later = DAG("paren_reentered", start_date=START, schedule=None)
with (later as entered):
    EmptyOperator(task_id="late")
