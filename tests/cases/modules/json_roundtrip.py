import json
data = {"b": [1, 2.5, None, True], "a": "é", "n": {"x": []}}
s = json.dumps(data)
print(s)
print(json.dumps(data, sort_keys=True, indent=2))
print(json.loads(s) == data, json.loads('[1, "two", {"3": null}]'))
print(json.dumps("é", ensure_ascii=False), json.dumps(1e100), json.dumps(float("nan")))
try:
    json.loads("{bad}")
except json.JSONDecodeError as e:
    print(e)
