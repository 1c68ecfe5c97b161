from dataclasses import dataclass, asdict, astuple, fields, replace
@dataclass
class Pt:
    x: int
    y: int = 5
p = Pt(1)
print(asdict(p), astuple(p), [f.name for f in fields(p)], replace(p, y=0))
