from . import helpdesk_ticket_service_time
from . import resource_calendar
from . import property_sla_policy
from . import property_sla_policy_cache
from . import property_ticket_milestone
from . import property_ticket_reappointment
from . import property_ticket_time_correction
from . import helpdesk_ticket_sms
