"""Failure notices for the signed-in user's open JupyterLab, polled with a cursor."""

from __future__ import annotations

import tornado

from ..scheduler.facade import CONFIG_KEY
from .inputs import MAX_ROW_ID, whole_number
from .scheduler_base import SchedulerHandler


class NotificationsHandler(SchedulerHandler):
    @tornado.web.authenticated
    async def get(self) -> None:
        """Without 'after': no notices, only the current cursor, so a fresh page never
        replays old failures; with it: the notices since, oldest first."""
        scheduler = self.scheduler()
        after_text = self.get_query_argument("after", "")
        after = whole_number(after_text, "after", 0, MAX_ROW_ID) if after_text else None
        scope = self.settings[CONFIG_KEY].notice_scope
        username = self.current_user.username if self.current_user else ""
        items, cursor, owner = await self.in_thread(scheduler.notices, after, scope, username)
        self.reply({"notices": items, "cursor": cursor, "owner": owner})
