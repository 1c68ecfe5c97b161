from sys import does_not_exist
