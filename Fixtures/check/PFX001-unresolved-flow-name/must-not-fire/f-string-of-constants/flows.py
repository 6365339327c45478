from prefect import flow

TEAM = "data"
STAGE = "daily"


@flow(name=f"{TEAM}-etl-{STAGE}")
def etl():
    pass
