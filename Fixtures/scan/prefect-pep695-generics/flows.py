# PEP 695 (Python 3.12): `type` aliases and generic functions and classes.
# Checked against Python's documented semantics: the interpreter of the
# fidelity check is 3.11 and cannot parse this file (see requires-python).
from prefect import flow

type Number = int | float
type Pair[T] = tuple[T, T]


@flow
def generic_flow[T](value: T, count: int = 1) -> T:
    return value


class Holder[T]:
    @flow(name="generic-class-method")
    def method_flow(self, x: int = 2):
        pass


@flow(name="alias-annotated")
def alias_annotated(x: Number = 3, pair: Pair[int] = (1, 2)):
    pass
