from . import property_renovation
from . import property_renovation_worker
from . import property_renovation_inspection
from . import property_renovation_notice
from . import property_renovation_deduction
from . import property_renovation_extension
from . import helpdesk_ticket_renovation
