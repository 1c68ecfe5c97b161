handlers = {"a": None}
handlers["a"]()
