try:
    raise ValueError("first")
finally:
    print("finally runs")
