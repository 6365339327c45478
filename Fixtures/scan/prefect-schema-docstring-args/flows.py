from prefect import flow


@flow
def documented(source: str, limit: int = 10, verbose: bool = False):
    """Load rows.

    Args:
        source: Where to read from.
        limit (int): Maximum rows,
            counted after filtering.
        verbose: Print progress.

    Returns:
        Nothing.
    """
