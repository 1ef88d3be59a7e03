from . import property_fee_collection_monthly
from . import property_kpi_monthly
