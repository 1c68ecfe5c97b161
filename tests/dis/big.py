big_list = [a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p, q, r, s, t, u, v, w, x, y, z, a1, b1, c1, d1, e1, f1]
big_const = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32]
big_dict = {'a': 1, 'b': 2, 'c': 3, 'd': 4, 'e': 5, 'f': 6, 'g': 7, 'h': 8, 'i': 9, 'j': 10, 'k': 11, 'l': 12, 'm': 13, 'n': 14, 'o': 15, 'p': 16, 'q': 17, 'r': 18}
var_dict = {a: 1, b: 2, c: 3}
mixed = {'x': a, **b, 'y': c}
folded = 2 ** 10 + 7 // 2 - 3 % 2
s = 'ab' * 3
neg = -(5)
inv = ~0
notc = not 1
big_pow = 2 ** 200
t = 1, 2
if x in [1, 2, 3]:
    pass
if y not in {1, 2}:
    pass
for q in [a, b]:
    pass
