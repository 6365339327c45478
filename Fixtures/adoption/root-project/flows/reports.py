from prefect import flow


@flow(name="report-weekly")
def report_weekly(recipients: list[str], env: str = "dev"):
    """Weekly KPI report."""
    print(recipients, env)


@flow
def ad_hoc_export(table: str):
    """Run by hand; never deployed."""
    print(table)
