DEFAULT_ARGS = {"owner": "data-eng", "retries": 2}
