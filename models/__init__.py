from . import property_estate
from . import property_building
from . import property_unit
from . import helpdesk_ticket_channel
from . import helpdesk_ticket
from . import res_partner
from . import res_users
