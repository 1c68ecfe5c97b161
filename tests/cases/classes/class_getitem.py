class Box:
    def __class_getitem__(cls, item):
        return f"Box[{item.__name__}]"
print(Box[int])
print(list[int], dict[str, int], type(list[int]).__name__)
