from odoo import api, fields, models


class PropertyRegisterMixin(models.AbstractModel):
    """What the register layout prints above the rows: the estates and the period covered."""

    _name = "property.register.mixin"
    _description = "Printable in an Official Register"

    # Field giving the date of a row, and the estate of a row, on the printed model.
    _register_date_field = "create_date"
    _register_estate_field = "estate_id"

    @api.model
    def _register_info(self, data=None):
        data = data or {}
        if data.get("estates") and data.get("period"):  # chosen in the print wizard
            return {"estates": data["estates"], "period": data["period"], "zone": data.get("zone")}
        estates = self.mapped(self._register_estate_field)
        dates = [d for d in self.mapped(self._register_date_field) if d]
        if self._fields[self._register_date_field].type == "datetime":
            dates = [estates[:1]._local_date(d) for d in dates]  # the estate's days
        period = (
            f"{fields.Date.to_string(min(dates))} ~ {fields.Date.to_string(max(dates))}"
            if dates
            else ""
        )
        return {
            "estates": "、".join(estates.mapped("name")),
            "period": period,
            "zone": estates[:1]._local_zone_label(),
        }
