import typing
from typing import Optional, Union

from prefect import flow


@flow
def unions(
    a: Optional[int] = None,
    b: Union[int, str] = 1,
    c: int | None = None,
    d: str | int | None = "x",
    e: typing.Optional[typing.List[str]] = None,
    f: Union[int, None, str] = None,
    g: Optional[Union[int, str]] = None,
):
    pass
