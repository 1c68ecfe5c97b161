# case-env: TZ=America/New_York
# Local time from the C library under TZ=America/New_York: localtime, mktime, strftime %Z/%z, ctime, the zone globals.
import time
for secs in (0, 1700000000, 1720000000, -86400 * 400):
    lt = time.localtime(secs)
    print(lt, lt.tm_zone, lt.tm_gmtoff)
    print(time.strftime("%Y-%m-%d %H:%M:%S %Z %z %a %j", lt), time.mktime(lt), time.ctime(secs))
print(time.timezone, time.altzone, time.daylight, time.tzname)
print(time.strftime("%Z %z", (2024, 7, 1, 12, 0, 0, 0, 183, 1)))
print(time.mktime((2024, 7, 1, 12, 0, 0, 0, 183, -1)))
try:
    time.mktime((1, 2, 3))
except TypeError as e:
    print(e)
