from . import property_raised_matter_mixin
from . import property_patrol
from . import property_patrol_finding
from . import property_estate_oversight
