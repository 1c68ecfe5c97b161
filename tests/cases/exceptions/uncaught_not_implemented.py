# NotImplementedError from an 'abstract' method, raised through a method call.
class Base:
    def run(self):
        raise NotImplementedError("subclass must implement run")
Base().run()
