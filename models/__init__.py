# Capabilities, lowest layer first: `core` holds the abstract mixins every other folder inherits
# (and the estate, building and unit), so it is loaded before them; within a folder the files
# load in the order its __init__.py lists them.
from . import core
from . import desk
from . import promises
from . import complaints
from . import callbacks
from . import repairs
from . import parcels
from . import unit_life
from . import renovation
from . import oversight
from . import duties
from . import fees
