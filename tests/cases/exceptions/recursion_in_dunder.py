class Loop:
    def __getattr__(self, name):
        return self.other
try:
    Loop().x
except RecursionError as e:
    print(e)
