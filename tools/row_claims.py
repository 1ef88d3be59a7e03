"""The one way scheduled jobs work through their rows, when several workers and cron threads may
run at once and any single record may fail."""

import logging
import threading
from datetime import timedelta

from psycopg2.errors import LockNotAvailable

from odoo import fields
from odoo.exceptions import UserError
from odoo.service.model import PG_CONCURRENCY_EXCEPTIONS_TO_RETRY
from odoo.tools import SQL

_logger = logging.getLogger(__name__)

# A record that fails is tried again after 5 min, then 10, 20… at most once a day.
RETRY_FIRST_MINUTES = 5
RETRY_MAX_MINUTES = 24 * 60
ERROR_MAX_CHARS = 2000


def retry_delay(failure_count):
    """How long a record that failed `failure_count` times in a row waits before its next try."""
    minutes = RETRY_FIRST_MINUTES * 2 ** min(max(failure_count - 1, 0), 16)
    return timedelta(minutes=min(minutes, RETRY_MAX_MINUTES))


class ClaimedRows:
    """The rows of a model that a scheduled job has to work on, claimed a batch at a time.

    `where` selects the rows (columns of the table may be qualified by `alias`, and `joins`
    may bring other tables in). Rows are locked with FOR UPDATE SKIP LOCKED, so workers share
    the queue without acting twice; a record that failed waits for its `cron_retry_at`
    (fields of `property.cron.retry.mixin`). With `by_id`, the queue is walked in id order,
    for jobs whose rows stay selected after they are processed.
    """

    def __init__(
        self, model, where, *, what, now=None, order=None, joins=None, alias=None, by_id=False
    ):
        self.model = model
        self.where = where
        self.what = what
        self.now = now or fields.Datetime.now()
        self.alias = SQL.identifier(alias or model._table)
        self.source = SQL("%s AS %s %s", SQL.identifier(model._table), self.alias, joins or SQL())
        self.by_id = by_id
        self.order = SQL("%s.id", self.alias) if by_id else (order or SQL("%s.id", self.alias))
        self.last_id = 0
        # Records left alone in this run: taken by another worker, or failed.
        self.passed_ids = set()

    # Claiming ----------------------------------------------------------------------------

    def _select(self, limit):
        conditions = [
            SQL("(%s)", self.where),
            SQL(
                "(%s.cron_retry_at IS NULL OR %s.cron_retry_at <= %s)",
                self.alias,
                self.alias,
                self.now,
            ),
        ]
        if self.passed_ids:
            conditions.append(SQL("%s.id != ALL(%s)", self.alias, sorted(self.passed_ids)))
        if self.by_id:
            conditions.append(SQL("%s.id > %s", self.alias, self.last_id))
        return SQL(
            "SELECT %s.id FROM %s WHERE %s ORDER BY %s LIMIT %s",
            self.alias,
            self.source,
            SQL(" AND ").join(conditions),
            self.order,
            limit,
        )

    def claim(self, limit):
        """Lock and return up to `limit` records to work on (an empty recordset: queue done).

        A row another worker changed since our snapshot cannot be locked (PostgreSQL raises a
        serialization failure for the whole statement): then rows are locked one by one, and
        those are left to that worker."""
        cr = self.model.env.cr
        self.model.env.flush_all()
        query = self._select(limit)
        try:
            with cr.savepoint(flush=False):
                cr.execute(SQL("%s FOR UPDATE OF %s SKIP LOCKED", query, self.alias))
                ids = [row[0] for row in cr.fetchall()]
        except PG_CONCURRENCY_EXCEPTIONS_TO_RETRY:
            ids = self._claim_one_by_one(query)
        records = self.model.browse(ids)
        if self.by_id and ids:
            self.last_id = max(ids)
        return records

    def _claim_one_by_one(self, query):
        cr = self.model.env.cr
        cr.execute(query)
        claimed = []
        for (record_id,) in cr.fetchall():
            try:
                with cr.savepoint(flush=False):
                    cr.execute(
                        SQL(
                            "SELECT id FROM %s WHERE id = %s FOR UPDATE SKIP LOCKED",
                            SQL.identifier(self.model._table),
                            record_id,
                        )
                    )
                    locked = bool(cr.fetchall())
            except PG_CONCURRENCY_EXCEPTIONS_TO_RETRY:
                locked = False
            if locked:
                claimed.append(record_id)
            else:
                _logger.info(
                    "%s: record %s is taken by a concurrent worker; leaving it to it.",
                    self.what,
                    record_id,
                )
                self.passed_ids.add(record_id)
        return claimed

    # Processing --------------------------------------------------------------------------

    def run(self, process, batch_size, process_batch=None):
        """Call `process(record)` on every record of the queue, each in its own savepoint.

        A record that fails is rolled back alone, logged on the record and retried later with a
        back-off; a record that a concurrent transaction changed is left to the next run. The
        rest of the batch and of the queue go on. Each batch is committed (outside tests).

        With `process_batch(records)`, a claimed batch is first processed at once, in one
        savepoint (far fewer queries); if anything in it fails, the batch is rolled back and
        processed record by record as above, so the outcome is the same either way.
        Returns the number of records processed."""
        done = 0
        while True:
            passed_before = len(self.passed_ids)
            records = self.claim(batch_size)
            if not records:
                if len(self.passed_ids) > passed_before:
                    continue  # the whole batch was another worker's: look further
                break
            if process_batch and self._process_batch(records, process_batch):
                done += len(records)
            else:
                for record in records:
                    done += self._process_one(record, process)
            commit_batch(self.model.env)
            if len(records) < batch_size and len(self.passed_ids) == passed_before:
                break
        self.model.env["ir.cron"]._notify_progress(done=done, remaining=0)
        return done

    def _process_batch(self, records, process_batch):
        """True when the whole batch was processed in one go; False when it was rolled back."""
        cr = records.env.cr
        try:
            with cr.savepoint():
                process_batch(records)
                if failed := records.filtered("cron_failure_count"):
                    failed.sudo()._cron_forget_failures()
        except Exception as error:  # noqa: BLE001 - the records are then tried one by one
            _logger.info(
                "%s: a batch of %s records failed (%s); processing them one by one.",
                self.what,
                len(records),
                error,
            )
            return False
        return True

    def _process_one(self, record, process):
        cr = record.env.cr
        try:
            with cr.savepoint():
                process(record)
                if record.cron_failure_count:
                    record.sudo()._cron_forget_failures()
        except PG_CONCURRENCY_EXCEPTIONS_TO_RETRY:
            _logger.info(
                "%s: %s changed concurrently; it is left to the next run.", self.what, record
            )
            self.passed_ids.add(record.id)
            return 0
        except Exception as error:  # noqa: BLE001 - one record must not stop the job
            _logger.warning(
                "%s: %s failed and will be retried later: %s",
                self.what,
                record,
                error,
                exc_info=True,
            )
            self.passed_ids.add(record.id)
            self._log_failure(record, error)
            return 0
        return 1

    def _log_failure(self, record, error):
        message = f"{type(error).__name__}: {error}"[:ERROR_MAX_CHARS]
        try:
            with record.env.cr.savepoint():
                record.sudo()._cron_record_failure(message, self.now)
        except Exception:  # noqa: BLE001 - the record's row itself may be unwritable now
            _logger.exception("%s: could not log the failure on %s", self.what, record)


def lock_rows(records, fnames=None, nowait=False, busy=None):
    """The one row lock of the addon. Lock the rows of `records` until the end of the
    transaction, then read them afresh: two desks or two clicks acting on one record at once
    act once, the second one seeing what the first did (or failing to serialize and being
    retried by Odoo).

    Before money moves, `nowait`: the second one fails at once (and is retried by Odoo after
    the first committed) instead of waiting; with a `busy` message, it is told so instead."""
    if not records:
        return
    records.flush_recordset()
    query = SQL(
        "SELECT id FROM %s WHERE id IN %s FOR UPDATE%s",
        SQL.identifier(records._table),
        tuple(records.ids),
        SQL(" NOWAIT") if nowait else SQL(),
    )
    cr = records.env.cr
    if busy is None:
        cr.execute(query)
    else:
        try:
            with cr.savepoint(flush=False):
                cr.execute(query)
        except LockNotAvailable as error:
            raise UserError(busy) from error
    records.invalidate_recordset(fnames)


def in_test_transaction():
    """Odoo's tests run in one transaction that must not be committed."""
    return getattr(threading.current_thread(), "testing", False)


def commit_batch(env):
    """Commit a finished batch so its locks are released and its work is kept."""
    if not in_test_transaction():
        env.cr.commit()
