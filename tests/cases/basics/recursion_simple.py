def fact(n):
    return 1 if n <= 1 else n * fact(n - 1)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fact(30))
print([fib(i) for i in range(15)])
def hanoi(n, a, b, c, out):
    if n:
        hanoi(n - 1, a, c, b, out)
        out.append((a, c))
        hanoi(n - 1, b, a, c, out)
moves = []
hanoi(4, "A", "B", "C", moves)
print(len(moves), moves[:5])
