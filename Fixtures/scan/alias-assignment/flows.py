import prefect

my_flow = prefect.flow
also = my_flow


@my_flow
def via_alias():
    pass


@also(name="chained-alias")
def via_chain():
    pass
