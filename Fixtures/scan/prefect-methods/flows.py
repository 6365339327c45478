from prefect import flow


class Pipelines:
    @flow
    def instance_flow(self, day: str):
        pass

    @classmethod
    @flow(name="class-level")
    def class_flow(cls, count: int = 1):
        pass

    @staticmethod
    @flow
    def static_flow(ratio: float):
        pass

    class Nested:
        @flow
        def deep(self):
            pass
