from airflow.sdk import dag


@dag(schedule=None)
def orders(table: str = "orders"):
    pass


orders_dag = orders(table="orders_v2")
