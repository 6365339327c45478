from prefect import flow


@flow
def dropped_by_nested_gitignore():
    pass
