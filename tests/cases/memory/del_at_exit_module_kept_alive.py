# A module still referenced after the exit collection has its names set to None, the
# _private ones first (CPython's _PyModule_ClearDict); names added to builtins are dropped
# before that collection, so a module kept only by builtins goes with the garbage.
import sys, builtins, _exitpkg
sys.keepmod = _exitpkg
builtins.held = _exitpkg
print("end of script")
