from prefect import flow

FLOW_NAME = "from-constant"
ALIAS = FLOW_NAME


@flow(name=FLOW_NAME)
def first():
    pass


@flow(name=ALIAS)
def second():
    pass
