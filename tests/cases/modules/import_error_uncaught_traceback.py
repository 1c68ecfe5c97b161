import _errmod
