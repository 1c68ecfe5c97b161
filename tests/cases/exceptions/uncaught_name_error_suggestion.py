# NameError in a function suggests a similar global ('countr' -> 'counter').
counter = 0
def bump():
    return countr + 1
bump()
