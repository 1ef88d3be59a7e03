# Read-only reporting models: SQL views and QWeb report data.
from . import property_callback_report
from . import property_business_report
from . import property_kpi_monthly
from . import property_business_report_signoff
from . import oversight
