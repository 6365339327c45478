from prefect import flow
{% for name in flows %}

@flow
def {{ name }}():
    pass
{% endfor %}


@flow
def static_one():
    pass
