# A new exception raised while handling another is chained implicitly:
# 'During handling of the above exception, another exception occurred'.
try:
    {}["missing"]
except KeyError:
    raise ValueError("while handling")
