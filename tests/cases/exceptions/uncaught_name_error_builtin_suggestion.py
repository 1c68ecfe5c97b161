prnt("hi")
