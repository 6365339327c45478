default_args = {"owner": "dataservices"}
