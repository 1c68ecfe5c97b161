import threading
_lock = threading.RLock()
class FakeModel:
    loads = 0
    def __init__(self, name):
        FakeModel.loads += 1
        self.name = name
class ModelManager:
    _models = {}
    def __new__(cls, *args, **kwargs):
        model_name = kwargs.get("model_name")
        if model_name not in cls._models:
            with _lock:
                if model_name not in cls._models:
                    cls._models[model_name] = FakeModel(model_name)
        return cls._models[model_name]
    @classmethod
    def get_model(cls, model_name):
        return cls.__new__(cls, model_name=model_name)
def get_model(model_name):
    return ModelManager.get_model(model_name)
m1 = get_model("bge")
m2 = get_model("bge")
m3 = get_model("other")
print(m1 is m2, m1 is m3, FakeModel.loads, sorted(ModelManager._models))
