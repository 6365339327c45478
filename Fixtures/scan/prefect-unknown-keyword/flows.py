from prefect import flow

# Prefect 3's flow() takes no `tags` (tags belong to deployments): this import fails.


@flow(name="tagged", tags=["team-data", "nightly"], retries=1)
def tagged():
    pass
