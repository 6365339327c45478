default_args = {"owner": "planning", "retries": 1}


def dataset_names():
    return ["conservation-area", "tree"]
