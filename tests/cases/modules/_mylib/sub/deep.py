from .. import util
from ..util import bump
from . import sibling
from .sibling import NAME as SIB
print("init deep, __package__ =", __package__)
def run():
    return util.helper("deep"), bump(), SIB
