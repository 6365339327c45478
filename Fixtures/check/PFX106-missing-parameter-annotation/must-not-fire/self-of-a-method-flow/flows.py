from prefect import flow


class Pipeline:
    @flow
    def run(self, limit: int = 10):
        """Prefect binds self; it is not a parameter."""
