from . import property_business_report
from . import property_kpi_monthly
from . import property_business_report_signoff
from . import property_visit_target_report
from . import property_business_report_oversight
