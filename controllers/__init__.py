from . import portal
from . import portal_parcel
from . import report
