"""The demo data's generator: called only by the `<function>` records of demo/*.xml."""

from . import property_demo_history
from . import fees
