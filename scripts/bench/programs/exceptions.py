# Exceptions in loops: raise/except of builtin and user exception classes, try/finally,
# else clauses, exception chaining (raise from), re-raise, exception attributes and
# isinstance-style matching against tuples and base classes.


class AppError(Exception):
    def __init__(self, code):
        super().__init__("app error %d" % code)
        self.code = code


class RetryError(AppError):
    pass


def risky(i):
    if i % 5 == 0:
        raise RetryError(i)
    if i % 7 == 0:
        raise AppError(i)
    if i % 11 == 0:
        return [][i]
    if i % 13 == 0:
        return {}["k"]
    return i


def wrapped(i):
    try:
        return risky(i)
    except KeyError as e:
        raise ValueError("bad key") from e


total = 0
finally_count = 0
for i in range(600000):
    try:
        total += wrapped(i)
    except RetryError as e:
        total += e.code * 2
    except AppError as e:
        total += e.code + len(e.args[0])
    except (IndexError, ValueError) as e:
        total += 3 if e.__cause__ is None else 5
    else:
        total += 1
    finally:
        finally_count += 1
for i in range(200000):
    try:
        try:
            int("x%d" % i) if i & 1 else 1 // (i & 2)
        except ZeroDivisionError:
            raise
    except ZeroDivisionError:
        total += 1
    except ValueError as e:
        total += len(str(e)) & 3
print("finally:", finally_count)
print("checksum:", total)
