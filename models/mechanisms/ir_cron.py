from odoo import models


class IrCron(models.Model):
    _inherit = "ir.cron"

    def _callback(self, cron_name, server_action_id):
        # Odoo runs a job without a language, so what it writes for people to read (a request's
        # title, an activity's summary, a note) would be English on Chinese screens: it writes
        # in the language of the job's user, as that user would in the screens.
        cron = self
        if not self.env.context.get("lang") and self.env.user.lang:
            cron = self.with_context(lang=self.env.user.lang)
        return super(IrCron, cron)._callback(cron_name, server_action_id)
