from typing import Dict, FrozenSet, List, Mapping, Sequence, Set, Tuple

from prefect import flow


@flow
def containers(
    a: list[int],
    b: List[str] = [],
    c: dict[str, float] = {},
    d: Dict[str, list[int]] = {"k": [1]},
    e: tuple[int, str] = (1, "x"),
    f: Tuple[int, ...] = (),
    g: set[str] = {"a"},
    h: FrozenSet[int] = frozenset(),
    i: Mapping[str, int] = {},
    j: Sequence[str] = ("a",),
    k: dict = {},
    l: list = [],
    m: tuple = (1, 2),
    n: dict[int, str] = {1: "a"},
):
    pass
