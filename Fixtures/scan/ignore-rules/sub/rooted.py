from prefect import flow


@flow
def not_rooted_so_kept():
    pass
