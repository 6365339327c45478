def summarize(region):
    return {"region": region, "rows": 0}
