from . import helpdesk_ticket_callback
from . import property_sample_counter
from . import property_callback_rule
from . import property_callback
from . import property_callback_portal
from . import property_courtesy_callback
from . import property_estate_courtesy
