"""Pure helpers of the addon: no model is defined here (as `account/tools`)."""

from . import groups
from . import local_time
from . import related_counts
from . import row_claims
from . import personal_data
from . import unit_life
from . import terms
from . import request_selections
