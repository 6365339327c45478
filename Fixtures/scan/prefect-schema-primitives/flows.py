from prefect import flow


@flow
def primitives(
    s: str,
    i: int = -3,
    f: float = 1,
    b: bool = True,
    raw: bytes = b"x",
    hexa: int = 0x1F,
    big: float = 1e3,
    none_default: str = None,
):
    pass
