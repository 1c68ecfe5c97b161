# GC-heavy allocation churn: many short-lived container objects in reference cycles
# (parent<->child links, self-referencing lists and dicts) that only the cyclic collector
# can free, plus long-lived survivors that get promoted through the generations.
# The checksum depends only on the data, never on when collections happen.


class Node:
    def __init__(self, value, parent=None):
        self.value = value
        self.parent = parent
        self.children = []
        if parent is not None:
            parent.children.append(self)


def make_tree(seed, depth, fanout):
    root = Node(seed)
    frontier = [root]
    for _ in range(depth):
        nxt = []
        for node in frontier:
            for k in range(fanout):
                nxt.append(Node(node.value * 3 + k, node))
        frontier = nxt
    return root


def tree_sum(node):
    total = node.value
    for child in node.children:
        total += tree_sum(child)
    return total


survivors = []
acc = 0
for i in range(25000):
    tree = make_tree(i, 3, 3)          # 40 nodes, every child points back at its parent
    acc = (acc + tree_sum(tree)) % 1000000007
    ring = [i]
    ring.append(ring)                  # a list that contains itself
    d = {"self": None, "n": i}
    d["self"] = d                      # a dict that contains itself
    pair_a = [d, ring]
    pair_b = [pair_a]
    pair_a.append(pair_b)              # a two-list cycle holding the others
    if i % 100 == 0:
        survivors.append(tree)         # some trees live to the end
    acc += len(ring) + d["n"] % 7 + len(pair_a)

for tree in survivors:
    acc = (acc + tree_sum(tree)) % 1000000007
print("survivors:", len(survivors))
print("checksum:", acc)
