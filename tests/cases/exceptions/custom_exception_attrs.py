class HttpError(Exception):
    def __init__(self, status, reason="?"):
        super().__init__(status, reason)
        self.status = status
    def __str__(self):
        return f"HTTP {self.status}"
try:
    raise HttpError(404, "Not Found")
except HttpError as e:
    print(e, repr(e), e.args, e.status)
class Empty(Exception):
    pass
print(repr(Empty()), str(Empty("x")), Empty.__mro__[1].__name__)
