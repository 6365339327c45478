# Mentions prefect in a comment only: no import, so @flow is a NameError at import.


@flow
def undefined_decorator():
    pass
