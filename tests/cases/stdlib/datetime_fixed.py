import datetime as dt
d = dt.date(2024, 2, 28)
print(d + dt.timedelta(days=2), d.weekday(), d.isoformat(), d.strftime("%A %d %B %Y"))
t = dt.datetime(2020, 1, 1, 12, 30, 45)
print(t, repr(t), t.isoformat(), t + dt.timedelta(hours=13), (dt.datetime(2021, 1, 1) - t).days)
print(dt.timedelta(days=1, seconds=3661), dt.timedelta(weeks=-1), dt.datetime.fromisoformat("2011-11-04T00:05:23"))
print(dt.date(2024, 12, 31).timetuple().tm_yday, dt.date.fromordinal(1), dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc).timestamp())
