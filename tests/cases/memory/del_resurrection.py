saved = []
class R:
    def __del__(self):
        print("__del__ called")
        saved.append(self)
r = R()
del r
print("resurrected:", len(saved))
saved.clear()
print("cleared again, no second __del__")
