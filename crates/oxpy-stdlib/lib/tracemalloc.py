"""oxpy stand-in for CPython's tracemalloc (whose tracing lives in the C module _tracemalloc):
oxpy does not trace allocations, so tracing is never on and no object has a traceback."""

__all__ = ["is_tracing", "get_object_traceback", "get_traced_memory", "get_tracemalloc_memory",
           "get_traceback_limit", "clear_traces", "start", "stop", "reset_peak"]


def is_tracing():
    return False


def get_object_traceback(obj):
    return None


def get_traced_memory():
    return (0, 0)


def get_tracemalloc_memory():
    return 0


def get_traceback_limit():
    return 1


def clear_traces():
    pass


def reset_peak():
    pass


def start(nframe=1):
    raise RuntimeError("oxpy does not trace memory allocations")


def stop():
    pass
