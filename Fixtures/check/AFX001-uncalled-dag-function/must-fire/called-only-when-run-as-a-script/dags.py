from airflow.sdk import dag


@dag(schedule=None)
def manual():
    pass


# Airflow imports the file as a module, so this never runs there.
if __name__ == "__main__":
    manual()
