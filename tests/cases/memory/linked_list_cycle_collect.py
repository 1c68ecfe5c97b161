import gc
class Node:
    def __init__(self, v):
        self.v = v
        self.prev = self.next = None
gc.disable(); gc.collect()
head = Node(0)
cur = head
for i in range(1, 10):
    n = Node(i)
    cur.next, n.prev = n, cur
    cur = n
del head, cur, n
print(gc.collect())
