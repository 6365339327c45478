# PEP 614 (Python 3.9): any expression may decorate. Each of these is Prefect's flow.
import prefect
from prefect import flow

decorators = [flow]
by_name = {"flow": prefect.flow}


@(flow)
def parenthesized(count: int = 1):
    pass


@(flow)(name="parenthesized-call")
def parenthesized_call():
    pass


@decorators[0]
def from_list(x: float = 1.5):
    pass


@decorators[-1](name="from-list-negative")
def from_list_negative():
    pass


@by_name["flow"](name="from-dict")
def from_dict():
    pass


@prefect.flow(log_prints=True)
def attribute():
    pass
