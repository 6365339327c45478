REGIONS = ["emea", "amer", "apac"]
