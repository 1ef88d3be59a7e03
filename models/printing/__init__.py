from . import ir_actions_report
from . import ir_actions_report_estate_clock
from . import ir_qweb_field_date
from . import ir_qweb_field_datetime
from . import res_currency
