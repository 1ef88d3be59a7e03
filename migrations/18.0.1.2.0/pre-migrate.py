"""Estates get a time zone of their own (issue 27): each keeps the zone it ran on until now, its
working calendar's, else its company calendar's, else Asia/Shanghai."""


def migrate(cr, version):
    cr.execute("ALTER TABLE property_estate ADD COLUMN IF NOT EXISTS tz varchar")
    cr.execute(
        """
        UPDATE property_estate e
           SET tz = COALESCE(
                   (SELECT tz FROM resource_calendar WHERE id = e.resource_calendar_id),
                   (SELECT rc.tz FROM res_company c
                      JOIN resource_calendar rc ON rc.id = c.resource_calendar_id
                     WHERE c.id = e.company_id),
                   'Asia/Shanghai')
         WHERE e.tz IS NULL
        """
    )
