"""Failure notices for the signed-in user's open JupyterLab, polled with a cursor."""

from __future__ import annotations

import tornado

from ..scheduler.notices import latest_notice_id, notices_after, owner_filter
from ..scheduler.server import SETTINGS_KEY
from .scheduler_handler import SchedulerHandler


class NotificationsHandler(SchedulerHandler):
    @tornado.web.authenticated
    async def get(self) -> None:
        """Without 'after': no notices, only the current cursor, so a fresh page never
        replays old failures; with it: the notices since, oldest first."""
        scheduler = self.scheduler_or_fail()
        if scheduler is None:
            return
        after_text = self.get_query_argument("after", "")
        if after_text and not after_text.isdigit():
            return self.fail(400, "'after' must be a cursor returned by this endpoint (a whole number).", "after")
        scope = self.settings[SETTINGS_KEY + "_config"].notice_scope
        username = self.current_user.username if self.current_user else ""

        def read():
            with scheduler.db.read() as connection:
                if not after_text:
                    return [], latest_notice_id(connection), None
                owner = owner_filter(connection, scope, username)
                return (*notices_after(connection, int(after_text), owner), owner)

        items, cursor, owner = await self.in_thread(read)
        self.reply({"notices": items, "cursor": cursor, "owner": owner})
