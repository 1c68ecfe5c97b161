s = set("abcdefg")
out = []
while s:
    out.append(s.pop())
print(out)
s = {100, 3, 57, 8, 1000}
print([s.pop() for _ in range(len(s))])
