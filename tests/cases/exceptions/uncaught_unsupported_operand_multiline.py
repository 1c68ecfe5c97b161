total = (
    10
    + None
)
