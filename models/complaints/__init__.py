from . import helpdesk_ticket_complaint
from . import property_complaint_severity_rule
from . import property_complaint_history
from . import property_complaint_case_analysis
from . import helpdesk_ticket_severity_words
