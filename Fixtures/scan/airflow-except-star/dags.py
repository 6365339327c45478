# `except*` (Python 3.11): the try body runs and builds its DAG; the handler
# only runs when an exception group matches, which nothing here raises.
import pendulum
from airflow.providers.standard.operators.empty import EmptyOperator
from airflow.sdk import DAG

try:
    with DAG("except_star_body", start_date=pendulum.datetime(2024, 1, 1), schedule=None):
        EmptyOperator(task_id="work")
except* (ValueError, TypeError) as group:
    print(group.exceptions)
else:
    with DAG("except_star_else", schedule=None):
        EmptyOperator(task_id="after")
finally:
    pass
