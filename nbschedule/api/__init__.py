"""REST API of the server extension; routes are documented in openapi.yaml beside this file."""

from .routes import setup_handlers

__all__ = ["setup_handlers"]
