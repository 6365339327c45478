from datetime import timedelta

import prefect


@prefect.flow(name="ingest")
def ingest_main(batch: int, window: timedelta = timedelta(hours=1)):
    return batch
