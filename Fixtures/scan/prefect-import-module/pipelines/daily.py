import prefect


@prefect.flow
def daily_report():
    """Build the daily report."""


@prefect.flow(retries=1)
def with_parens():
    pass
