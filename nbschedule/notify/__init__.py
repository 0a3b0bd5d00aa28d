"""Telling people that a run failed or was refused.

``notify_failure(spec, record)`` sends one message to each of the spec's ``notify``
targets: webhooks get Slack-compatible JSON (``{"text": ...}``), e-mail goes through
the SMTP server in ``NBSCHEDULE_SMTP_HOST`` / ``NBSCHEDULE_SMTP_PORT`` (default 25)
from ``NBSCHEDULE_SMTP_FROM``. A failure to notify is logged, never raised: it must
not hide the run's own outcome.
"""

from __future__ import annotations

import logging
from typing import Any

from .mail import send_mail
from .message import failure_subject, failure_text
from .webhook import post_webhook

log = logging.getLogger(__name__)


def notify_failure(spec: dict[str, Any], record: dict[str, Any]) -> list[dict[str, Any]]:
    """Notify every target; returns per target whether it was reached (for the record)."""
    text = failure_text(record)
    results = []
    for target in spec.get("notify", []):
        try:
            if target["type"] == "webhook":
                post_webhook(target["url"], text)
                where = target["url"]
            else:
                send_mail(target["to"], failure_subject(record), text)
                where = target["to"]
            results.append({"type": target["type"], "to": where, "sent": True})
        except Exception as error:  # any transport error: log it and go on to the next target
            log.warning("Could not notify %s: %s", target, error)
            results.append(
                {
                    "type": target["type"],
                    "to": target.get("url") or target.get("to"),
                    "sent": False,
                    "error": str(error),
                }
            )
    return results


__all__ = ["notify_failure"]
