from . import property_request_decline_wizard
