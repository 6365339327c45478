STORES = ["north", "south"]


def count_items(store):
    return {"store": store, "items": 0}
