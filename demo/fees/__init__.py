from . import property_fee_demo
