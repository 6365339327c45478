"""This module mentions @flow and from prefect import flow in its docstring."""
import prefect  # the only import; the decorator below is in a string

# @prefect.flow
# def commented_out(): ...

TEMPLATE = """
@prefect.flow
def in_a_string():
    pass
"""


def uses_word_flow(flow):
    """Takes a flow argument, @flow in the docstring."""
    return flow
