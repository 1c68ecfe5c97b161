import sys
n = 10000
as_list = [i for i in range(n)]
as_gen = (i for i in range(n))
as_range = range(n)
as_tuple = tuple(range(n))
print(sys.getsizeof(as_list), sys.getsizeof(as_gen), sys.getsizeof(as_range), sys.getsizeof(as_tuple))
print(sum(as_gen), sum(as_list))
print(sys.getsizeof(iter(as_list)), sys.getsizeof(map(str, as_list)))
