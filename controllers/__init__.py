from . import portal_parcel
