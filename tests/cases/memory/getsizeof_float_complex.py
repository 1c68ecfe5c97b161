# float is 24 bytes and complex 32, whatever the value.
#
import sys
print(sys.getsizeof(1.5), sys.getsizeof(0.0), sys.getsizeof(float("inf")), sys.getsizeof(1e300))
print(sys.getsizeof(1j), sys.getsizeof(complex(1, 2)))
