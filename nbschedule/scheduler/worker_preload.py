"""What the launcher's fork server imports once, so that every worker forked from it
starts with the operator loaded and the sandbox probed (see launcher.ProcessLauncher)."""

from ..operator.lean_start import skip_format_checkers

skip_format_checkers()  # before anything imports jsonschema; this process only runs notebooks

from ..operator import run  # noqa: E402,F401 (nbclient, jupyter_client, zmq, nbformat, fsspec)
from ..operator.sandbox import find_sandbox  # noqa: E402
from . import worker  # noqa: E402,F401

find_sandbox()  # probed once here; the result is cached in every fork
