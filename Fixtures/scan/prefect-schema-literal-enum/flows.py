import enum
from enum import Enum, IntEnum
from typing import Literal, Optional

from prefect import flow


class Mode(str, Enum):
    """How much to load.

    Full reloads everything.
    """

    FULL = "full"
    INCREMENTAL = "incremental"


class Priority(IntEnum):
    LOW = 1
    HIGH = 2


class Mixed(enum.Enum):
    A = 1
    B = "b"


@flow
def choices(
    env: Literal["dev", "prod"] = "dev",
    single: Literal["only"] = "only",
    mixed_literal: Literal[1, "a"] = 1,
    mode: Mode = Mode.INCREMENTAL,
    priority: Priority = Priority.HIGH,
    maybe_mode: Optional[Mode] = None,
    mixed: Mixed = Mixed.B,
):
    pass
