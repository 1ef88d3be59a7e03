from . import helpdesk_ticket_promise
from . import resource_calendar
from . import property_promise_policy
from . import property_promise_policy_cache
from . import property_promise
from . import property_ticket_reappointment
from . import property_ticket_time_correction
from . import helpdesk_ticket_sms
