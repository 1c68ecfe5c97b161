print(__name__)
if __name__ == "__main__":
    print("main guard")
print(type(__builtins__).__name__)
print(__doc__)
