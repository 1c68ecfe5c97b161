# NameError inside a function suggests a local with a similar name.
def compute():
    length = 10
    return lenght * 2
compute()
