# Read-only reporting models: SQL views and QWeb report data.
from . import property_callback_report
from . import unit_life
from . import oversight
from . import fees
