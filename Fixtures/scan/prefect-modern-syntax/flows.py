# Python 3.10-3.11 statements around flows: parenthesized context managers,
# `match` (the flow in the case that runs) and `except*`.
import contextlib

from prefect import flow

MODE = "batch"

with (contextlib.nullcontext() as first, contextlib.nullcontext() as second):

    @flow(name="inside-parenthesized-with")
    def inside_with(rows: int = 10):
        """Defined while two context managers are entered."""

match MODE:
    case "batch":

        @flow
        def batch_mode(size: int = 100):
            pass

    case _:
        pass

try:

    @flow(name="in-try-star")
    def in_try_star(label: str = "x"):
        pass

except* ValueError:
    pass
