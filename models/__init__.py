# Lowest layer first: `mechanisms` holds the abstract mixins every other folder inherits (system
# fields, append-only, registers, cron retry, invoicing…), so it is loaded before them; `core` the
# estate, building, unit and the company; `printing` how the estate's papers print. Then the
# capabilities; within a folder the files load in the order its __init__.py lists them.
from . import mechanisms
from . import core
from . import printing
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
