class AppError(Exception):
    pass
class DetailedError(AppError):
    def __init__(self, code):
        super().__init__(f"failed with code {code}")
        self.code = code
raise DetailedError(42)
