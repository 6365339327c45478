# -*- coding: latin-1 -*-
from prefect import flow


@flow(name="café")
def latin():
    """Résumé."""
