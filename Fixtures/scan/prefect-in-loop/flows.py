from prefect import flow

FLOWS = {}

for region in ["eu", "us"]:

    @flow
    def per_region():
        pass

    FLOWS[region] = per_region
