import sys
import _side
import _side
import _side as again
print(_side is again, "_side" in sys.modules)
_side.LOADED.append(1)
from _side import LOADED
print(LOADED)
del sys.modules["_side"]
import _side
print(_side is again, _side.LOADED)
