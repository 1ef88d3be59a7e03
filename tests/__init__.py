from . import test_estate
from . import test_unit
from . import test_ticket_fields
from . import test_channel_data
from . import test_decline
from . import test_access
from . import test_translation
from . import test_demo_data
