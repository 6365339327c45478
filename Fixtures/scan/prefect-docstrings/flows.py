from prefect import flow


@flow
def indented():
    """
        First line after a blank.

    Less indented second paragraph.
		Tabbed line.
    """


@flow
def one_line():
    """Just one line.   """


@flow(description="From the keyword")
def keyword_wins():
    """Docstring loses."""


@flow
def no_doc():
    x = "not a docstring"


@flow
def raw_doc():
    r"""Raw \n stays."""


@flow
def escaped_doc():
    """Tab\tand \u00e9 and \x41."""
