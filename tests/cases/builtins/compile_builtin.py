code = compile("a + b", "<expr>", "eval")
print(type(code).__name__, code.co_filename, eval(code, {"a": 1, "b": 2}))
code2 = compile("r = 10\nprint('from exec', r)", "<exec>", "exec")
exec(code2)
code3 = compile("5 * 5", "<single>", "single")
exec(code3)
try:
    compile("x = ", "<bad>", "exec")
except SyntaxError as e:
    print(e.msg, e.filename, e.lineno)
try:
    compile("1", "<m>", "bogus")
except ValueError as e:
    print(e)
