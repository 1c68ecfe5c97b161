import heapq, bisect
h = [5, 1, 8, 3, 2]
heapq.heapify(h)
print(h, heapq.heappop(h), heapq.heappushpop(h, 0), h)
heapq.heappush(h, 4)
print([heapq.heappop(h) for _ in range(len(h))])
print(heapq.nlargest(3, [1, 8, 2, 9, 3]), heapq.nsmallest(2, "hello"), list(heapq.merge([1, 4], [2, 3])))
a = [1, 2, 4, 4, 8]
print(bisect.bisect_left(a, 4), bisect.bisect_right(a, 4), bisect.bisect(a, 0), bisect.bisect(a, 100))
bisect.insort(a, 5)
print(a, bisect.bisect_left(a, 3, key=None))
