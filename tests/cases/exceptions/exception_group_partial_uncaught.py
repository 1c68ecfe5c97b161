# An except* that handles only part of a group re-raises the rest,
# reported in the 'Exception Group Traceback' format with exit code 1.
try:
    raise ExceptionGroup("eg", [ValueError("handled"), OSError("unhandled")])
except* ValueError as g:
    print("handled", g.exceptions)
