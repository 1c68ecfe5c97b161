class P:
    __match_args__ = ("a",)
    def __init__(self):
        self.a = 1
try:
    match P():
        case P(1, 2):
            pass
except TypeError as e:
    print(e)
class Q:
    pass
try:
    match Q():
        case Q(1):
            pass
except TypeError as e:
    print(e)
