from airflow.sdk import dag, task


@dag(schedule="@hourly", tags=["taskflow"])
def implicit_id(limit: int = 10, mode: str = "full"):
    """Loads rows.

    The docstring becomes doc_md.
    """

    @task
    def extract():
        return [1, 2]

    extract()


implicit_id()


@dag(dag_id="explicit_id", schedule=None)
def named():
    pass


named()


@dag("positional_id", schedule=None)
def positional():
    pass


positional()


@dag
def bare_decorator():
    pass


bare_decorator()
