from prefect import flow

TEAM = "data"
ENV: str = "prod"


@flow(name=f"{TEAM}-ingest-{ENV}")
def ingest():
    pass


@flow(name=TEAM + "-" + "export")
def export():
    pass


@flow(name="implicit" "-concat")
def concat():
    pass


@flow(name=f"{{literal}}-{TEAM!s}")
def braces():
    pass
