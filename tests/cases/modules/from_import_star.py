from _mylib import *
print(VERSION, public("s"))
print("also_not_in_all" in dir(), "_private" in dir())
from _mylib.util import *
print(helper("x"), "bump" in dir())
