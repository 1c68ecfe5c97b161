# NameError suggestions also consider builtins ('prnt' -> 'print').
#
#
print("before")
prnt("hi")
