import pytest
from airflow.sdk import DAG

DAG("scratch", schedule=None)


@pytest.fixture
def dag():
    return DAG("dag", schedule=None)
