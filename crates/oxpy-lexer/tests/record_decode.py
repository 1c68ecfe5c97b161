"""Record how python3 reads source bytes (run: python3 record_decode.py) into
data/decode.tsv: hex bytes, then either "OK" and the text python3 decodes (its
universal-newline reading, escaped as in record_errors.py) or "ERR" and the
SyntaxError message python3 gives running the file as `python3 x.py`.
"""
import io
import os
import subprocess
import sys
import tempfile

from record_errors import esc

CASES = [
    b'x = 1\n',
    b'x = "\xe9"\n',
    b'# hello\n\n\nx = "\xe9"\n',
    b'x = 1 \xc3',
    b'x = "\xed\xa0\x80"\n',
    b'x = "\xf4\x90\x80\x80"\n',
    b'# -*- coding: latin-1 -*-\nx = "\xe9"\n',
    b'# coding=iso-8859-1\nx = "\xe9\xff"\n',
    b'# vim: set fileencoding=latin1 :\nx = "\xe9"\n',
    b'#!/usr/bin/env python\n# -*- coding: cp1252 -*-\nx = "\x80\x93"\n',
    b'#!/usr/bin/env python\n# coding: iso-8859-15\nx = "\xa4"\n',
    b'# coding: koi8-r\nx = "\xc1\xc2"\n',
    b'x = 1\n# coding: latin-1\nx = "\xe9"\n',
    b'\n\n# coding: latin-1\nx = "\xe9"\n',
    b'# coding: foobar\nx = 1\n',
    b'# coding: ascii\nx = "\xe9"\n',
    b'\xef\xbb\xbfx = 1\n',
    b'\xef\xbb\xbf# coding: utf-8\nx = 1\n',
    b'\xef\xbb\xbf# coding: latin-1\nx = 1\n',
    b'\xef\xbb\xbfx = "\xe9"\n',
    b'x = 1\r\ny = 2\r\n',
    b'x = 1\ry = 2\r',
    b'x = """a\r\nb\rc"""\n',
    b'# coding: utf-8\nx = 1\n',
    b'# coding: utf8\nx = "\xc3\xa9"\n',
    b'  # coding: latin-1\nx = "\xe9"\n',
    b'x = 1  # coding: latin-1\nx = "\xe9"\n',
]

HOOK = """
import sys
def hook(t, e, tb):
    print('ERR', e.msg if hasattr(e, 'msg') else e)
sys.excepthook = hook
"""


def record(data):
    with tempfile.TemporaryDirectory() as tmp:
        with open(os.path.join(tmp, "x.py"), "wb") as f:
            f.write(data)
        with open(os.path.join(tmp, "sitecustomize.py"), "w") as f:
            f.write(HOOK)
        env = dict(os.environ, PYTHONPATH=tmp)
        # The sources only assign names, so running them shows just the decoding.
        out = subprocess.run([sys.executable, "-W", "ignore", "x.py"], cwd=tmp,
                             capture_output=True, text=True, env=env)
        errors = [l[4:] for l in out.stdout.splitlines() if l.startswith("ERR ")]
        if errors:
            return ["ERR", errors[-1].replace(os.path.realpath(tmp) + "/", "").replace(tmp + "/", "")]
        text = io.TextIOWrapper(io.BytesIO(data), encoding=enc_of(data), newline=None).read()
        return ["OK", esc(text.lstrip("\ufeff"))]


def enc_of(data):
    import tokenize

    return tokenize.detect_encoding(io.BytesIO(data).readline)[0]


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    rows = ["\t".join([data.hex()] + record(data)) for data in CASES]
    with open(os.path.join(here, "data", "decode.tsv"), "w", encoding="utf-8") as f:
        f.write("\n".join(rows) + "\n")


if __name__ == "__main__":
    main()
