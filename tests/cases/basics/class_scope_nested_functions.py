class Outer:
    x = 1
    def method(self):
        try:
            return x
        except NameError as e:
            return str(e)
    class Inner:
        try:
            y = x
        except NameError as e:
            y = "no access: " + str(e)
print(Outer().method(), Outer.Inner.y)
