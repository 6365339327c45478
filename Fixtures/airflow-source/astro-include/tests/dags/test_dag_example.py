import pytest
from airflow.models import DagBag


@pytest.fixture(scope="session")
def bag():
    return DagBag(include_examples=False)


def test_tags(bag):
    for dag in bag.dags.values():
        assert dag.tags
