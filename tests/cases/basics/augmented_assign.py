n = 10
n += 5; print(n)
n -= 3; print(n)
n *= 2; print(n)
n //= 5; print(n)
n **= 3; print(n)
n %= 7; print(n)
n <<= 4; print(n)
n >>= 2; print(n)
n |= 0b1010; print(n)
n &= 0b1110; print(n)
n ^= 0xff; print(n)
lst = [1]
alias = lst
lst += [2, 3]
print(alias, alias is lst)
t = (1,)
t2 = t
t += (2,)
print(t, t2)
