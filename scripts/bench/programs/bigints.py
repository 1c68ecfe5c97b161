# Big integers: factorials and Fibonacci numbers with thousands of digits, multiplication,
# addition, floor division, modulo, shifts, pow with a big modulus, int->str conversion and
# digit sums (kept under CPython's 4300-digit str conversion limit).


def factorial(n):
    r = 1
    for i in range(2, n + 1):
        r *= i
    return r


def fib(n):
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a


def digit_sum(n):
    return sum(ord(c) - 48 for c in str(n))


checksum = 0
for n in range(1000, 1500, 4):
    f = factorial(n)                   # up to ~4100 digits
    g = fib(n * 13)                    # up to ~4070 digits
    checksum += digit_sum(f) + digit_sum(g) + len(str(f)) + len(str(g))
    checksum += (f // g) % 1000000007 + f % (g + 12345) % 1000000007
    checksum += (g << 1000 >> 999).bit_length() + (f ^ (g * g)) % 999983
p = 2 ** 4423 - 1
for base in range(3, 40):
    checksum += pow(base, 10 ** 5, p) % 1000000007
print("checksum:", checksum)
