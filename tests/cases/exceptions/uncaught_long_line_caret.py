# The caret line marks only the failing subscript inside a longer
# expression.
#
values = {"alpha": [1, 2, 3], "beta": None}
result = values["alpha"][0] + values["beta"][1]
