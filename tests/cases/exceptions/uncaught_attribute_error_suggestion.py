class Config:
    def __init__(self):
        self.verbose = True
        self.timeout = 5
cfg = Config()
print(cfg.verbos)
