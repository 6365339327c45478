from prefect import flow


def load_data(path: str, limit: int = 5):
    """Load a file.

    Args:
        path: the file to read
    """


load_flow = flow(load_data)
load_named = flow(load_data, name="load-named")
