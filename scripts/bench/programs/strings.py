# String operations: split/join, replace, find/count, upper/lower/strip, slicing,
# %-formatting, str.format and f-strings (with format specs), int<->str conversions.

WORDS = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta",
         "iota", "kappa", "lambda", "mu"]


def make_line(i):
    w = WORDS[i % len(WORDS)]
    v = WORDS[(i * 7) % len(WORDS)]
    return f"{i:06d},{w},{v.upper()},{i * 0.25:.2f},  {w}-{v}  "


total = 0
lengths = 0
for i in range(150000):
    line = make_line(i)
    fields = line.split(",")
    name = fields[1].capitalize()
    tail = fields[4].strip().replace("-", "+")
    joined = "|".join([name, fields[2].lower(), tail, fields[3]])
    total += joined.count("a") + joined.find("+") + int(fields[0]) % 97
    total += len("{0}:{1:>8}:{2!r}".format(name, tail, fields[3]))
    total += len("%s=%d/%5.1f" % (name, i, i / 7))
    if joined.startswith("Alpha") or tail.endswith("mu"):
        total += 1
    lengths += len(joined[::2]) + len(line[3:-3])

text = " ".join(WORDS * 50000)
parts = text.split()
upper = text.upper()
total += len(parts) + upper.count("ETA") + len(text.replace("a", "aa"))
total += sum(len(p) for p in parts[:100000]) + lengths
print("checksum:", total)
