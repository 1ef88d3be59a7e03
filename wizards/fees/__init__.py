from . import property_fee_waiver_wizard
