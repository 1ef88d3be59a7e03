from . import portal
from . import portal_parcel
from . import portal_renovation
from . import report
from . import fees
