# A script run by hand: outside the dags folder.
import json

print(json.dumps({"env": "dev"}))
