from prefect import flow


@flow
def route(command: str | None = None) -> str:
    """Pattern matching, the walrus operator and nested f-string quotes are all valid Python."""
    match command:
        case "load" | "reload":
            result = "loading"
        case _:
            result = "idle"
    if (size := len(result)) > 3:
        return f"{result!r} has {size} letters: {"yes" if size else "no"}"
    return result
