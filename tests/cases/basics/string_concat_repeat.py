s = "ab" * 3
print(s, 3 * "x", "" * 5, "q" * -1)
print("a" "b" 'c')
print([0] * 3, [[]] * 2, (1, 2) * 2)
x = [[]] * 2
x[0].append(1)
print(x)
