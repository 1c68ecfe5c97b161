while False:
# comment
x = 1
