def select_all(table):
    return f"select * from {table}"
