from prefect import flow as pflow, task


@pflow(name="aliased")
def aliased_flow():
    pass


@task
def not_a_flow():
    pass
