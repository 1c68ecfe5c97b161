log = []
class T:
    def __setitem__(self, k, v):
        log.append(("set", k, v))
def val():
    log.append("value")
    return 7
t = T()
t["a"] = t["b"] = val()
print(log)
x = y = []
x.append(1)
print(y)
i = 0
lst = [0, 0, 0]
i = lst[i] = 2
print(i, lst)
