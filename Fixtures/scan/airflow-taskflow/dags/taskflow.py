from airflow.sdk import dag, task


@task
def extract():
    return {"a": 1}


@task(task_id="transform_rows")
def transform(data):
    return data


@task.bash
def show():
    return "echo done"


@task.branch
def choose():
    return "load"


@dag(schedule=None)
def taskflow_pipeline():
    raw = extract()
    clean = transform(raw)
    load_one = load(clean)
    again = extract()
    third = extract.override(task_id="extract_override")()
    load(transform(again)) >> show()
    choose() >> [load_one, third]


@task
def load(rows):
    pass


taskflow_pipeline()
