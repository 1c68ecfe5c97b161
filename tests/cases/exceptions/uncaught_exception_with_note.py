e = ValueError("main message")
e.add_note("note one")
e.add_note("note two")
raise e
