"""A template new dump pipelines start from: copied, never deployed itself."""
from prefect import flow


@flow(name="template-dump-db")
def template_dump_db(table_id: str = "table", dump_mode: str = "overwrite"):
    print(table_id, dump_mode)
