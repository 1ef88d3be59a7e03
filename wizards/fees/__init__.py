from . import property_fee_collect_wizard
