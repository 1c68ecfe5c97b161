class R:
    def __init__(self, n):
        self.n = n
    def __del__(self):
        print("_exitpkg del", self.n)
def helper():
    return r
r = R("module global")
_private = R("private")
