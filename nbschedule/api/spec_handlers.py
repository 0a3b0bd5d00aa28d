"""The wizard's checks: the spec against schema, cron, time zone and zone catalogue."""

from __future__ import annotations

from typing import Any

import tornado

from ..spec.check import check_spec
from ..zones import CatalogueInvalid, load_catalogue
from .base import JsonHandler


class CatalogueHandler(JsonHandler):
    def catalogue(self) -> dict[str, Any] | None:
        """The workspace's zone catalogue, or None after replying 500 with the reason."""
        try:
            return load_catalogue(self.settings["server_root_dir"])
        except CatalogueInvalid as error:
            self.fail(500, f"The zone catalogue cannot be used: {error}")
            return None


class ZonesHandler(CatalogueHandler):
    @tornado.web.authenticated
    def get(self) -> None:
        catalogue = self.catalogue()
        if catalogue is None:
            return
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
    def post(self) -> None:
        body = self.json_body()
        if body is None:
            return
        if not isinstance(body, dict) or "spec" not in body:
            return self.fail(400, "Send {\"spec\": {...}}.", "spec")
        catalogue = self.catalogue()
        if catalogue is None:
            return
        self.reply(check_spec(body["spec"], catalogue))
