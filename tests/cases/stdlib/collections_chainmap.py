from collections import ChainMap
a = {"x": 1}
b = {"x": 2, "y": 3}
cm = ChainMap(a, b)
print(cm["x"], cm["y"], len(cm), sorted(cm), cm.maps)
cm["z"] = 4
print(a, cm.new_child({"x": 0})["x"], cm.parents)
