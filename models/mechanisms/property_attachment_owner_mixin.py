from odoo import api, models


class PropertyAttachmentOwnerMixin(models.AbstractModel):
    """Files kept in a Many2many field (plans, photos) belong to their record, as Odoo's own
    attachments do (res_model, res_id): whoever may read the record reads them. Odoo lets only
    their uploader read an attachment without res_id."""

    _name = "property.attachment.owner.mixin"
    _description = "Files Kept With Their Record"

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        records._bind_attachments()
        return records

    def write(self, vals):
        result = super().write(vals)
        if any(name in vals for name in self._attachment_fields()):
            self._bind_attachments()
        return result

    @api.model
    def _attachment_fields(self):
        return [
            name
            for name, field in self._fields.items()
            if field.type == "many2many" and field.comodel_name == "ir.attachment"
        ]

    def _bind_attachments(self):
        """Bind the files not yet bound to a record, if the caller uploaded them (as mail does
        for a message's attachments: nobody takes over another user's upload)."""
        for record in self:
            for name in self._attachment_fields():
                files = record.sudo()[name].filtered(
                    lambda file: (
                        not file.res_id
                        and not file.res_field
                        and (self.env.su or file.create_uid == self.env.user)
                    )
                )
                files.write({"res_model": record._name, "res_id": record.id})

    @api.model
    def _bind_all_attachments(self):
        """At every update: the files kept before their records bound them (uploads of the
        portal and of the back office, the demo's plans) follow their records too."""
        for model_name in self.env.registry.descendants([self._name], "_inherit"):
            model = self.env[model_name]
            if model._abstract:
                continue
            for name in model._attachment_fields():
                model.sudo().with_context(active_test=False).search(
                    [(name, "!=", False)]
                )._bind_attachments()
