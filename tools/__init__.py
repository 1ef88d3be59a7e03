"""Pure helpers of the addon: no model is defined here (as `account/tools`)."""

from . import request_selections
