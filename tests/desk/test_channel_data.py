from odoo.tests import TransactionCase, tagged

INTERNAL = [
    "helpdesk_mgmt.helpdesk_ticket_channel_phone",
    "helpdesk_mgmt.helpdesk_ticket_channel_web",
    "helpdesk_mgmt.helpdesk_ticket_channel_email",
    "property_service_desk.helpdesk_ticket_channel_walk_in",
    "property_service_desk.helpdesk_ticket_channel_wechat",
    "property_service_desk.helpdesk_ticket_channel_suggestion_box",
    "property_service_desk.helpdesk_ticket_channel_staff_on_site",
]
EXTERNAL = [
    "property_service_desk.helpdesk_ticket_channel_external_group",
    "property_service_desk.helpdesk_ticket_channel_external_media",
    "property_service_desk.helpdesk_ticket_channel_external_government",
]


@tagged("post_install", "-at_install")
class TestChannelData(TransactionCase):
    def test_every_spec_channel_exists_with_its_external_flag(self):
        for xmlid in INTERNAL:
            self.assertFalse(self.env.ref(xmlid).is_external, xmlid)
        for xmlid in EXTERNAL:
            self.assertTrue(self.env.ref(xmlid).is_external, xmlid)

    def test_declined_stage_is_closed(self):
        stage = self.env.ref("property_service_desk.helpdesk_ticket_stage_declined")
        self.assertTrue(stage.closed)
        self.assertTrue(stage.fold)
