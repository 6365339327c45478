from prefect import flow


@flow
def kinds(a, b: int, /, c: str = "x", *args: int, d: bool, e: float = 1.5, **kwargs: str):
    pass


@flow
def untyped_variadics(*items, **options):
    pass


@flow
def bare_star(first, *, second=2):
    pass
