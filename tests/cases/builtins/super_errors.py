class A:
    def f(self):
        return super().f()
try:
    A().f()
except AttributeError as e:
    print(e)
try:
    super()
except RuntimeError as e:
    print(e)
