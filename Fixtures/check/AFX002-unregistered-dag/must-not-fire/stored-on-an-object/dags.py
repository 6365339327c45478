from airflow.sdk import DAG


class Pipeline:
    def __init__(self, name):
        self.name = name

    def build(self):
        self.dag = DAG(self.name, schedule=None)


def attach(pipeline):
    pipeline.dag = DAG("attached", schedule=None)
