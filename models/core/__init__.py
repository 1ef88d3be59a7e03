from . import property_invoicing_mixin
