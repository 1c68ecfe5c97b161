s = "abcdefgh"
print(s[0], s[-1], s[2:5], s[:3], s[5:], s[::2], s[::-1], s[-3:-1], s[6:2:-1])
print(s[100:], s[-100:2], s[3:3])
try:
    s[10]
except IndexError as e:
    print(e)
try:
    s[0] = "z"
except TypeError as e:
    print(e)
print("é"[0], "日本語"[1], len("日本語"), "🐍x"[1])
