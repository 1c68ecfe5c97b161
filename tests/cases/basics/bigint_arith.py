a = 123456789012345678901234567890
b = 987654321098765432109876543210
print(a + b)
print(a - b)
print(a * b)
print(b // a, b % a)
print(-b // a, -b % a)
print(a ** 3)
print(a << 100)
print(b >> 50)
print(-a >> 3)
print(a & b, a | b, a ^ b)
print(~a)
print(-(2 ** 64) // 7, (2 ** 64) % -7)
