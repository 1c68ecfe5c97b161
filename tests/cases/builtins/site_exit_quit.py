# exit, quit and help: what site puts in builtins at start-up (_sitebuiltins).
print(repr(exit), repr(quit), type(exit).__name__, type(help).__name__, repr(help)[:30])
try:
    quit(3)
except SystemExit as e:
    print("SystemExit", e.code)
exit("bye")
print("not reached")
