def build():
    from prefect import flow

    @flow
    def built():
        pass

    return built
