def compute():
    length = 10
    return lenght * 2
compute()
