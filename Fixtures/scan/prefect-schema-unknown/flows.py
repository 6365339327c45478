from typing import Any

import pandas as pd
from prefect import flow
from pydantic import BaseModel


class Config(BaseModel):
    retries: int = 1


class Helper:
    pass


@flow
def unknown_types(
    frame: pd.DataFrame,
    maybe: pd.DataFrame | None = None,
    config: Config = None,
    helper: Helper = None,
    anything: Any = None,
    items: list[pd.Series] = [],
    forward: "int" = 1,
    forward_generic: "list[str]" = [],
    computed: int = len("abc"),
):
    pass
