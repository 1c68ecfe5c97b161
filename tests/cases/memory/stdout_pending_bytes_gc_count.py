# CPython's TextIOWrapper keeps written text in `pending_bytes`: the str for the first write,
# then a list of pieces (a GC allocation) until the 8192-byte chunk is reached or flush().
# After gc.collect() the list free list is empty, so the first pending list counts in gen0.
import gc
import sys

gc.disable()
counts = []
g = gc.get_count


def note():
    counts.append(g()[0])


gc.collect()
note()
note()
sys.stdout.write("a")
note()
sys.stdout.write("b")  # second buffered write: the pending str becomes a list
note()
sys.stdout.flush()  # the list goes to the list free list: the count stays
note()
gc.collect()
note()
print("hello")  # print writes "hello" then "\n": a list again
note()
gc.collect()
note()
print("x" * 8191)  # 8191 + 1 bytes reach the chunk size: flushed at once, the list is freed
note()
gc.collect()
note()
sys.stdout.write("y" * 9000)  # longer than a chunk: encoded to bytes, flushed alone
note()
sys.stdout.write("é")  # non-ASCII: pending as bytes
note()
sys.stdout.write("z")
note()
gc.collect()
note()
print("flushed", flush=True)
note()
sys.stdout.write("\n")
print(counts)
