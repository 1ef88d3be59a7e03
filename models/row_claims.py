"""Claiming rows in scheduled jobs that several workers and cron threads may run at once."""

import logging
import threading

from psycopg2.errors import SerializationFailure

from odoo.tools import SQL

_logger = logging.getLogger(__name__)


def claim_rows(model, query, what):
    """Lock and return the records of `model` that `query` selects (an id column, ending in
    FOR UPDATE SKIP LOCKED). Rows another worker changed since our snapshot are its work:
    PostgreSQL refuses to lock them, and we return nothing rather than act on them twice."""
    try:
        with model.env.cr.savepoint(flush=False):
            model.env.cr.execute(query)
            ids = [row[0] for row in model.env.cr.fetchall()]
    except SerializationFailure:
        _logger.info("%s taken by a concurrent worker; leaving them to it.", what)
        return model.browse()
    return model.browse(ids)


def lock_rows(records, fnames=None):
    """Lock the rows of `records` until the end of the transaction, then read them afresh:
    two desks or two clicks acting on one record at once act once, the second one seeing what
    the first did (or failing to serialize and being retried by Odoo)."""
    if not records:
        return
    records.flush_recordset()
    records.env.cr.execute(
        SQL("SELECT id FROM %s WHERE id IN %s FOR UPDATE",
            SQL.identifier(records._table), tuple(records.ids))
    )
    records.invalidate_recordset(fnames)


def in_test_transaction():
    """Odoo's tests run in one transaction that must not be committed."""
    return getattr(threading.current_thread(), "testing", False)


def commit_batch(env):
    """Commit a finished batch so its locks are released and its work is kept."""
    if not in_test_transaction():
        env.cr.commit()
