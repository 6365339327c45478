# PEP 614 (Python 3.9): a decorator may be any expression. Parentheses, a
# call in parentheses, and a list element all name Airflow's decorators.
import pendulum
from airflow.sdk import dag, task

builders = [dag, task]


@(dag(schedule=None, start_date=pendulum.datetime(2024, 1, 1)))
def parenthesized_call():
    @(task)
    def extract():
        return 1

    @builders[1]
    def load(value):
        print(value)

    load(extract())


parenthesized_call()


@builders[0](dag_id="from_list_element", schedule=None)
def list_element():
    @task.bash
    def hello():
        return "echo hello"

    hello()


list_element()
