def find(items, key):
    for i in items:
        if i == key:
            return i
result = find([1, 2], 3)
result.value
