# Notes added with add_note() print after the exception line, one per line.
e = ValueError("main message")
e.add_note("note one")
e.add_note("note two")
raise e
