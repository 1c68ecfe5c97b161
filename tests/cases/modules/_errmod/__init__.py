print("_errmod starts")
def fail():
    return {}["missing"]
VALUE = 1 / 0
