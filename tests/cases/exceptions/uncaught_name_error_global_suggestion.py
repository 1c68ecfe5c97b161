# NameError suggestion from the module globals inside a function; AttributeError on a module.
counter_value = 3
def use():
    local_x = 1
    return countr_value + local_x
use()
