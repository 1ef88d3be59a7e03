from . import property_parcel_carrier
from . import property_parcel
