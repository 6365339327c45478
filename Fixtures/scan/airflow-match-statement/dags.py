# `match` (Python 3.10) at module level: a subject known statically picks its
# case, exactly as Airflow's import runs it; DAGs in the other cases never exist.
import pendulum
from airflow.providers.standard.operators.empty import EmptyOperator
from airflow.sdk import DAG

ENVIRONMENT = "prod"
REGIONS = ("eu", "us")

match ENVIRONMENT:
    case "dev" | "test":
        with DAG("match_not_taken", schedule=None):
            EmptyOperator(task_id="never")
    case "prod":
        with DAG("match_prod", start_date=pendulum.datetime(2024, 1, 1), schedule=None):
            EmptyOperator(task_id="deploy")
    case _:
        with DAG("match_fallback_not_taken", schedule=None):
            EmptyOperator(task_id="never")

# A capture pattern binds the subject: the dag_id is built from it.
match "nightly":
    case 1 | 2:
        pass
    case kind:
        with DAG(f"match_capture_{kind}", schedule=None):
            EmptyOperator(task_id="run")

for region in REGIONS:
    match region:
        case "eu":
            with DAG(f"match_in_loop_{region}", schedule=None):
                EmptyOperator(task_id="eu_only")
        case other:
            with DAG(f"match_in_loop_{other}_default", schedule=None):
                EmptyOperator(task_id="default")
