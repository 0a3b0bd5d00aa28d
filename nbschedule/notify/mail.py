"""Sending a plain-text e-mail through the SMTP server configured in the environment."""

from __future__ import annotations

import smtplib
from email.message import EmailMessage

from ..server_secrets import server_setting


def send_mail(to: str, subject: str, text: str, timeout: float = 10) -> None:
    """Send via $NBSCHEDULE_SMTP_HOST:$NBSCHEDULE_SMTP_PORT; raises when unconfigured or refused."""
    host = server_setting("NBSCHEDULE_SMTP_HOST")
    if not host:
        raise RuntimeError("NBSCHEDULE_SMTP_HOST is not set, so no e-mail can be sent")
    message = EmailMessage()
    message["From"] = server_setting("NBSCHEDULE_SMTP_FROM", "nbschedule@localhost")
    message["To"] = to
    message["Subject"] = subject
    message.set_content(text)
    with smtplib.SMTP(host, int(server_setting("NBSCHEDULE_SMTP_PORT", "25")), timeout=timeout) as smtp:
        smtp.send_message(message)
