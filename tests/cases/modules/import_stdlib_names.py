import math, json, collections, itertools, functools, operator
print(math.__name__, json.__name__, collections.__name__)
from os import path as p
print(p.__name__, p.join("a", "b"))
import os.path
print(os.path is p)
