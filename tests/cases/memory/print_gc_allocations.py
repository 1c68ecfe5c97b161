# What print() allocates, seen by the collector: the bound `write` method each
# PyFile_WriteObject looks up is alive while str() converts the value, and its allocation can
# start an automatic collection one list earlier than the same loop without print().
# (Not covered: a flush that reaches the file also allocates CPython's BufferedWriter
# memoryview and managed buffer for the raw write; oxpy does not model those yet.)
import gc
import sys

seen = []


class Probe:
    def __str__(self):
        seen.append(sum(1 for o in gc.get_objects() if type(o).__name__ == "builtin_function_or_method"
                        and getattr(o, "__self__", None) is sys.stdout))
        return "probe"


print(Probe())
print("a", Probe(), sep="-")
print(seen)

events = []
gc.callbacks.append(lambda phase, info: events.append(info["generation"]) if phase == "start" else None)


def until_collection(action):
    gc.collect()
    events.clear()
    keep = []
    n = 0
    while not events:
        keep.append([])
        n += 1
        if n > 600:
            action()
    return n


actions = [
    lambda: print(end=""),
    lambda: print("x", end=""),
    lambda: print("x", "y", end=""),
    lambda: print(end="", flush=True),
    lambda: sys.stdout.write(""),
]
plain = until_collection(lambda: None)
print()
print([until_collection(action) - plain for action in actions])
