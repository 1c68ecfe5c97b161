import functools, sys
class Doc:
    def __init__(self, text):
        self.text = text
    @functools.cached_property
    def words(self):
        print("computing words")
        return self.text.split()
d = Doc("a b c d")
print("words" in vars(d))
print(d.words, d.words is d.words)
print("words" in vars(d), sys.getsizeof(d.words))
del d.words
print(len(d.words))
