try:
    from prefect import flow
except ImportError:  # pragma: no cover
    def flow(fn):
        return fn

if True:
    from prefect import flow as guarded


@guarded
def guarded_flow():
    pass
