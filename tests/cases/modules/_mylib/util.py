print("init util, __name__ =", __name__, "__package__ =", __package__)
def helper(x):
    return f"helper({x})"
COUNTER = [0]
def bump():
    COUNTER[0] += 1
    return COUNTER[0]
if __name__ == "__main__":
    print("never when imported")
