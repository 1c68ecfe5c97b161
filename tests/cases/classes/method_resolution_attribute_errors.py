class A:
    def __init__(self):
        self.value = 1
a = A()
try:
    a.valeu
except AttributeError as e:
    print(e)
try:
    A.nope
except AttributeError as e:
    print(e)
try:
    (1).foo
except AttributeError as e:
    print(e)
try:
    None.x
except AttributeError as e:
    print(e)
try:
    "s".x = 1
except AttributeError as e:
    print(e)
