from prefect import flow


def make_flow(suffix):
    @flow(name="generated")
    def generated():
        pass

    return generated


top = make_flow("x")
