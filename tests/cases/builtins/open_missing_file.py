# Opening a missing file raises FileNotFoundError with errno 2.
try:
    open("/tmp/oxpy_case_definitely_missing_file.txt")
except FileNotFoundError as e:
    print(type(e).__name__, e.errno, e.strerror, e.filename)
