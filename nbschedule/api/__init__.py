"""REST API of the server extension; routes are documented in openapi.yaml beside this file."""


def setup_handlers(web_app) -> None:
    # Imported on use: a spec-check process imports this package without the handlers.
    from .routes import setup_handlers as setup

    setup(web_app)


__all__ = ["setup_handlers"]
