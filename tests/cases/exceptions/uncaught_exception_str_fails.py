# If str() of an uncaught exception itself raises, the traceback shows
# '<exception str() failed>'.
class Weird(Exception):
    def __str__(self):
        raise RuntimeError("no str")
raise Weird()
