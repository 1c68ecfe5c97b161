# LOAD_GLOBAL caches: globals rebinding, a global shadowing a builtin and its deletion,
# builtins changed, one code object run with different globals.
import builtins

counter = 0


def read_counter():
    return counter


out = []
for i in range(5):
    out.append(read_counter())
    counter = i * 10
print(out)


def call_len(x):
    return len(x)


out = []
for i in range(7):
    out.append(call_len("abc"))
    if i == 1:
        def len(x):                 # a global starts shadowing the builtin
            return -1
    if i == 3:
        del len                     # the builtin shows through again
    if i == 4:
        builtins.len = lambda x: 99  # builtins itself changes
print(out)
del builtins.len
try:
    len
except NameError as e:
    print("NameError:", e)


def uses_missing():
    return not_defined_yet


for i in range(3):
    try:
        print(uses_missing())
    except NameError as e:
        print("NameError:", e)
    if i == 1:
        not_defined_yet = "now defined"

code = compile("result = abs(value) + offset", "<cached>", "exec")
for g in ({"value": -1, "offset": 1}, {"value": -5, "offset": 10}, {"value": 3, "offset": 0, "abs": lambda v: 0}):
    exec(code, g)
    print(g["result"])

# Many new globals (the globals dict grows) between runs of a warm LOAD_GLOBAL.
def get_max():
    return max


for i in range(3):
    print(get_max()([1, 5, 2]))
    for k in range(50):
        globals()["filler_%d" % k] = k
    if i == 1:
        max = min
