assert True, "never"
try:
    assert 1 == 2, "math broke"
except AssertionError as e:
    print("AE", e)
try:
    assert []
except AssertionError as e:
    print("AE empty", repr(e), e.args)
