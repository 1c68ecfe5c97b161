import time
t = time.time()
print(type(t).__name__, t > 1_600_000_000, type(time.monotonic()).__name__, type(time.perf_counter_ns()).__name__)
print(time.gmtime(0).tm_year, time.gmtime(86400 * 365).tm_yday, time.strftime("%Y-%m-%d", time.gmtime(1_000_000_000)))
print(tuple(time.gmtime(0))[:6])
time.sleep(0)
print("slept")
