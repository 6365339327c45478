import prefect


@prefect.flow(name="campaign-report")
def campaign_report(channel: str = "email", days: int = 7, recipients: list[str] | None = None):
    """Campaign performance over the last days."""
    print(channel, days, recipients)
