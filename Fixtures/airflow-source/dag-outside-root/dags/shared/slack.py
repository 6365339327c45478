def notify(context):
    print("failed", context)
