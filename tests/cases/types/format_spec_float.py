x = 1234.5678
for spec in ("", "f", ".2f", "10.2f", "<12.1f", "^12.3e", "e", "E", "g", ".3g", "G", "%", ".1%", ",", ",.2f", "+.1f", " .1f", "012.2f", "#.0f", ".0f"):
    print(repr(spec), format(x, spec))
print(format(1e20, "g"), format(1e-5, "g"), format(0.0001, "g"), format(float("nan"), "f"), format(float("-inf"), "e"))
print(format(2.5, ".0f"), format(3.5, ".0f"), format(1/3, ".20f"))
