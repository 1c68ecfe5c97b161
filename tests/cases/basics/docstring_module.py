"""Module doc."""
print(__doc__)
def f():
    "fdoc"
print(f.__doc__)
class C:
    """cdoc"""
print(C.__doc__)
