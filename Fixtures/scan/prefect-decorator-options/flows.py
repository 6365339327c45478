from prefect import flow
from prefect.task_runners import ThreadPoolTaskRunner


@flow(
    name="configured",
    version="1.2",
    retries=3,
    retry_delay_seconds=30,
    timeout_seconds=600.5,
    log_prints=True,
    persist_result=False,
    validate_parameters=True,
    task_runner=ThreadPoolTaskRunner(max_workers=4),
)
def configured_flow():
    pass
