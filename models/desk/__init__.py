from . import property_routing_rule
