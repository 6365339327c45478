# Forms the SDK's own PrefectFlowFinder does not see: a module alias and a renamed import.
import prefect as pf
from prefect import flow as pflow


@pf.flow
def cleanup():
    pass


@pflow(name="sync-accounts")
def sync():
    pass
