"""The wizard's checks: the spec against schema, cron, time zone, notebook path and zone catalogue."""

from __future__ import annotations

import asyncio
from typing import Any

import tornado

from ..spec.check import check_spec
from ..zones import CatalogueInvalid, load_catalogue
from .base import JsonHandler
from .errors import ApiError


class CatalogueHandler(JsonHandler):
    def catalogue(self) -> dict[str, Any]:
        """The workspace's zone catalogue; ApiError 500 with the reason when it is broken."""
        try:
            return load_catalogue(self.settings["server_root_dir"])
        except CatalogueInvalid as error:
            raise ApiError(500, f"The zone catalogue cannot be used: {error}", "catalogue") from None


def check_list_sizes(spec: dict[str, Any], limit: int) -> None:
    """Every list of a spec is short: the checks' cost grows with them (ApiError 400 otherwise)."""
    for name, value in spec.items():
        if isinstance(value, list) and len(value) > limit:
            raise ApiError(400, f"'{name}' holds {len(value)} items; at most {limit} are allowed "
                                "(NbScheduleApi.max_list_items).", f"spec/{name}")


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
        body = self.json_object()
        if "spec" not in body:
            raise ApiError(400, "Send {\"spec\": {...}}.", "spec")
        spec = body["spec"]
        if isinstance(spec, dict):
            check_list_sizes(spec, self.limits.max_list_items)
        catalogue = self.catalogue()
        # Off the event loop and time-capped: a large spec must not freeze the server.
        work = self.in_thread(check_spec, spec, catalogue, self.settings["server_root_dir"])
        try:
            result = await asyncio.wait_for(work, self.limits.check_seconds)
        except asyncio.TimeoutError:
            raise ApiError(503, f"The spec check took longer than {self.limits.check_seconds:g} s and was "
                                "abandoned (NbScheduleApi.check_seconds).", "spec") from None
        self.reply(result)
