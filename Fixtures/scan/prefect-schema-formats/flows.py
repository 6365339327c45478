import datetime as dt
import uuid
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Optional
from uuid import UUID

from prefect import flow


@flow
def formats(
    when: datetime = datetime(2024, 1, 2, 3, 4, 5),
    day: date = date(2024, 1, 2),
    at: time = None,
    every: timedelta = timedelta(hours=1),
    long_wait: dt.timedelta = dt.timedelta(days=1, minutes=90, seconds=4.5),
    zero: timedelta = timedelta(0),
    folder: Path = Path("data/raw"),
    run_id: Optional[UUID] = None,
    other_id: uuid.UUID = UUID("12345678-1234-5678-1234-567812345678"),
    amount: Decimal = None,
):
    pass
