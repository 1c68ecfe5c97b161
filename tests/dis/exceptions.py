try:
    a()
except ValueError:
    b()
except (TypeError, KeyError) as e:
    c(e)
else:
    d()

try:
    a()
finally:
    b()

try:
    a()
except:
    pass

with open('f') as fp:
    fp.read()

with a as x, b as y:
    pass

raise ValueError('x')
