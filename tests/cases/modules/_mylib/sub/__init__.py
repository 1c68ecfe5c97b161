print("init sub, __name__ =", __name__)
