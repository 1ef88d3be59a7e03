from . import property_fee_waiver_wizard
from . import property_fee_collect_wizard
