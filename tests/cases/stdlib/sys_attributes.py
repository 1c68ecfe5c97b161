import sys
print(sys.maxsize, sys.maxsize == 2 ** 63 - 1, sys.byteorder, sys.version_info[:2], sys.version_info.major)
print(sys.getrecursionlimit(), sys.implementation.name, type(sys.argv).__name__, len(sys.argv))
print(sys.float_info.max, sys.float_info.epsilon, sys.float_info.dig, sys.float_info.mant_dig)
print(sys.int_info.bits_per_digit, sys.int_info.sizeof_digit, sys.hash_info.width, sys.hash_info.modulus, sys.hash_info.inf, sys.hash_info.algorithm)
print(sys.maxunicode, sys.getdefaultencoding(), sys.flags.optimize, sys.flags.hash_randomization)
print(sys.getswitchinterval())
