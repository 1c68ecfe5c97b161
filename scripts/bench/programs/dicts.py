# Dict operations: insert, lookup (hit and miss), update, delete, get/setdefault, iteration
# with str keys and int keys; the table grows and shrinks through many resizes.


def int_keys(n):
    d = {}
    for i in range(n):
        d[i * 7919 % 1000003] = i
    hits = 0
    for i in range(0, 2 * n, 3):
        if i in d:
            hits += d[i]
    for i in range(0, n, 2):
        del d[i * 7919 % 1000003]
    for k in d:
        hits += k & 0xFF
    return hits + len(d)


def str_keys(n):
    d = {}
    for i in range(n):
        d["key" + str(i)] = i
    total = 0
    for i in range(n):
        total += d.get("key" + str(i * 3), -1)
    counts = {}
    for i in range(n):
        word = "w" + str(i % 97)
        counts[word] = counts.get(word, 0) + 1
        counts.setdefault("z" + str(i % 13), i)
    for i in range(0, n, 3):
        d.pop("key" + str(i))
    total += sum(d.values()) + len(d) + sum(counts.values())
    return total


def small_dicts(n):
    acc = 0
    for i in range(n):
        rec = {"id": i, "name": "n", "score": i % 11, "tags": None}
        rec["score"] += 1
        rec.update(extra=i & 3)
        acc += rec["score"] + rec["extra"] + len(rec)
    return acc


a = int_keys(500000)
b = str_keys(300000)
c = small_dicts(400000)
print("int:", a, "str:", b, "small:", c)
print("checksum:", (a + b + c) % 1000000007)
