# KeyError on a dict: the message is the repr of the key.
#
print("before")
config = {"host": "localhost"}
port = config["port"]
