# A binary operation spread over several lines: the traceback shows only
# the first line and no carets.
total = (
    10
    + None
)
