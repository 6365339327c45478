from prefect import flow


def transform(batch: int):
    pass


transform_flow = flow(name="transform", retries=2)(transform)
