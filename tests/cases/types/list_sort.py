words = ["banana", "Apple", "cherry", "apple", "Banana", "date"]
print(sorted(words))
print(sorted(words, key=str.lower))
print(sorted(words, key=len, reverse=True))
pairs = [(1, "b"), (0, "a"), (1, "a"), (0, "b"), (2, "c")]
print(sorted(pairs, key=lambda p: p[0]))
print(sorted(pairs, key=lambda p: p[0], reverse=True))
nums = [5, -3, 2, -8, 0]
nums.sort(key=abs); print(nums)
nums.sort(reverse=True); print(nums)
try:
    [1, "a"].sort()
except TypeError as e:
    print(e)
