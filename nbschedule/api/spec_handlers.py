"""The wizard's checks: the spec against schema, cron, time zone, notebook path and zone catalogue."""

from __future__ import annotations

from typing import Any

import tornado

from ..zones import CatalogueInvalid, load_catalogue
from .base import JsonHandler
from .check_process import check_in_process, check_request
from .errors import ApiError

SMALL_BODY_BYTES = 64 * 1024


class CatalogueHandler(JsonHandler):
    def catalogue(self) -> dict[str, Any]:
        """The workspace's zone catalogue; ApiError 500 with the reason when it is broken."""
        try:
            return load_catalogue(self.settings["server_root_dir"])
        except CatalogueInvalid as error:
            raise ApiError(500, f"The zone catalogue cannot be used: {error}", "catalogue") from None


class ZonesHandler(CatalogueHandler):
    @tornado.web.authenticated
    def get(self) -> None:
        catalogue = self.catalogue()
        zones = [
            {
                "name": name,
                "title": zone.get("title", name),
                "description": zone.get("description", ""),
                "may_read": zone["may_read"],
                "writes": zone["writes"],
            }
            for name, zone in sorted(catalogue["zones"].items())
        ]
        self.reply({"zones": zones, "categories": catalogue.get("categories", {})})


class SpecCheckHandler(CatalogueHandler):
    @tornado.web.authenticated
    async def post(self) -> None:
        catalogue = self.catalogue()
        args = (
            self.body_bytes,
            self.limits.max_body_depth,
            self.limits.max_list_items,
            catalogue,
            self.settings["server_root_dir"],
        )
        if len(args[0]) < SMALL_BODY_BYTES:  # the wizard's usual check: quicker than a round trip to a process
            status, answer = await self.in_thread(check_request, *args)
        else:
            status, answer = await check_in_process(self.limits.check_seconds, *args)
        if status != 200:
            raise ApiError(status, answer["message"], answer.get("field"))
        self.reply(answer)
