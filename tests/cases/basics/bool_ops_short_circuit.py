def t(x):
    print("t", x)
    return x
print(t(0) and t(1))
print(t(2) and t(3))
print(t(0) or t(4))
print(t("") or t([]) or t("last"))
print(not t(None))
print(t(1) and t(0) or t(5))
print([] or {} or 0)
print(1 and "yes" or "no")
