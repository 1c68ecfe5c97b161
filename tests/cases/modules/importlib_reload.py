import importlib
import _side
_side.LOADED.append("x")
r = importlib.reload(_side)
print(r is _side, _side.LOADED)
