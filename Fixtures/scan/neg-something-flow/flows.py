import prefect


class Registry:
    def flow(self, fn):
        return fn


something = Registry()


@something.flow
def registered():
    pass


@something.flow()
def registered_call():
    pass
