import gc
gc.disable(); gc.collect()
class F:
    def __del__(self):
        print("F.__del__ during collect")
f = F(); f.me = f; del f
print("with __del__", gc.collect())
class F2:
    def __del__(self):
        print("F2 breaks its own cycle")
        self.me = None
f = F2(); f.me = f; del f
print("self-breaking", gc.collect())
print("gc.garbage", gc.garbage)
