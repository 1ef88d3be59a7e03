from . import property_request_decline_wizard
from . import property_ticket_reschedule_wizard
from . import property_complaint_solution_wizard
from . import property_complaint_severity_wizard
from . import property_work_order_cancel_wizard
from . import property_register_wizard
from . import property_parcel_pickup_wizard
from . import property_ticket_time_correction_wizard
