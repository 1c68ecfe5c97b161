for x in range(5):
    if x % 2:
        continue
    print(x)
else:
    print("done")
for x in [1, 2, 3]:
    if x == 2:
        print("found")
        break
else:
    print("not found")
for x in []:
    print("never")
else:
    print("empty else")
