import queue
q = queue.Queue()
for i in range(3): q.put(i)
print(q.qsize(), q.get(), q.get(), q.empty())
lq = queue.LifoQueue(); [lq.put(c) for c in "abc"]
print(lq.get(), lq.get())
pq = queue.PriorityQueue(); [pq.put(x) for x in (5, 1, 3)]
print(pq.get(), pq.get())
try:
    queue.Queue().get_nowait()
except queue.Empty:
    print("Empty")
