def f(exc):
    try:
        raise exc
    except (KeyError, IndexError) as e:
        return "lookup-ish " + type(e).__name__
    except LookupError:
        return "lookup"
    except Exception as e:
        return "other " + type(e).__name__
for exc in (KeyError, IndexError, LookupError, ValueError("v")):
    print(f(exc))
