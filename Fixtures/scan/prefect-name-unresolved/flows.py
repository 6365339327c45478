import os

from config import FLOW_NAME
from prefect import flow


@flow(name=os.environ["FLOW_NAME"])
def from_env():
    pass


@flow(name=FLOW_NAME)
def from_import():
    pass


@flow(name=f"{FLOW_NAME!r}")
def with_conversion():
    pass
