from . import property_owner_archive
