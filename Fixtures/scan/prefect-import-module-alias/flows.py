import prefect as p


@p.flow(name="etl", log_prints=True)
def run_etl(limit: int = 10):
    pass


@p.flow
async def async_job():
    pass
