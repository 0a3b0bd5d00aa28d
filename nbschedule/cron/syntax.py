"""Five-field cron validation with messages a person can act on.

croniter's own errors name internal states (and it reads any Unicode digit), so each
field is checked here first: ASCII only, known names, ranges, steps; the five
``@hourly``-style aliases become their five-field form; and an expression must fire
at least once within ``HORIZON_YEARS`` (``0 0 31 2 *`` never does).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from functools import lru_cache

from croniter import croniter
from croniter.croniter import CroniterBadDateError

MONTH_NAMES = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
DAY_NAMES = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]
ALIASES = {
    "@hourly": "0 * * * *",
    "@daily": "0 0 * * *",
    "@weekly": "0 0 * * 0",
    "@monthly": "0 0 1 * *",
    "@yearly": "0 0 1 1 *",
}
HORIZON_YEARS = 5
MAX_LENGTH = 200


@dataclass(frozen=True)
class Field:
    label: str
    low: int
    high: int
    names: tuple[str, ...] = ()
    name_offset: int = 0


FIELDS = (
    Field("minute", 0, 59),
    Field("hour", 0, 23),
    Field("day of month", 1, 31),
    Field("month", 1, 12, tuple(MONTH_NAMES), 1),
    Field("day of week", 0, 7, tuple(DAY_NAMES), 0),
)

_ATOM = re.compile(r"^(?P<start>\*|[A-Za-z0-9]+)(?:-(?P<end>[A-Za-z0-9]+))?(?:/(?P<step>[0-9]+))?$")
_NUMBER = re.compile(r"^[0-9]{1,4}$")


class CronSyntaxError(ValueError):
    """A cron expression that cannot be scheduled; str() is the user-facing reason."""


def _value(token: str, field: Field, position: int) -> int:
    lowered = token.lower()
    if lowered in field.names:
        return field.names.index(lowered) + field.name_offset
    if not _NUMBER.match(token):
        raise CronSyntaxError(
            f"Field {position} ({field.label}): '{token}' is not a number"
            + (f" or a name like '{field.names[0].upper()}'." if field.names else ".")
        )
    number = int(token)
    if not field.low <= number <= field.high:
        raise CronSyntaxError(f"Field {position} ({field.label}): {number} is out of range {field.low}–{field.high}.")
    return number


def _check_field(text: str, field: Field, position: int) -> None:
    for part in text.split(","):
        match = _ATOM.match(part)
        if not match:
            raise CronSyntaxError(f"Field {position} ({field.label}): '{part}' is not valid.")
        start, end, step = match.group("start", "end", "step")
        if step is not None and int(step) == 0:
            raise CronSyntaxError(f"Field {position} ({field.label}): a step of 0 never advances.")
        if step is not None and int(step) > field.high:
            raise CronSyntaxError(
                f"Field {position} ({field.label}): a step of {int(step)} is larger than {field.high}."
            )
        if start == "*":
            if end is not None:
                raise CronSyntaxError(f"Field {position} ({field.label}): '*' cannot start a range.")
            continue
        low = _value(start, field, position)
        if end is not None and _value(end, field, position) < low:
            raise CronSyntaxError(f"Field {position} ({field.label}): range '{start}-{end}' runs backwards.")


def _non_ascii(expression: str) -> None:
    for character in expression:
        if not character.isascii():
            name = unicodedata.name(character, f"U+{ord(character):04X}")
            raise CronSyntaxError(
                f"'{character}' ({name.lower()}) is not allowed in a cron expression; "
                "write numbers with the digits 0-9."
            )


def check_cron(expression: str) -> str:
    """Return the normalised five-field expression or raise CronSyntaxError."""
    if not isinstance(expression, str):
        raise CronSyntaxError("A cron expression is a string, e.g. '0 6 * * *'.")
    if len(expression) > MAX_LENGTH:
        raise CronSyntaxError(f"A cron expression has at most {MAX_LENGTH} characters.")
    _non_ascii(expression)
    fields = expression.split()
    if not fields:
        raise CronSyntaxError("Enter a cron expression, e.g. '0 6 * * *' for 06:00 every day.")
    if fields[0].startswith("@"):
        if len(fields) != 1 or fields[0].lower() not in ALIASES:
            raise CronSyntaxError(
                f"'{expression.strip()}' is not a known shortcut; use one of "
                f"{', '.join(ALIASES)} or write five fields, e.g. '0 0 * * *'."
            )
        return ALIASES[fields[0].lower()]
    if len(fields) != 5:
        raise CronSyntaxError(
            f"A cron expression has 5 fields (minute hour day-of-month month day-of-week); this one has {len(fields)}."
        )
    for position, (text, field) in enumerate(zip(fields, FIELDS), start=1):
        _check_field(text, field, position)
    normalised = " ".join(fields)
    _check_fires(normalised, datetime.now(timezone.utc).year)
    return normalised


@lru_cache(maxsize=4096)
def _check_fires(expression: str, year: int) -> None:
    """Whether a valid expression matches any date in the next HORIZON_YEARS (cached per year)."""
    start = datetime(year, 1, 1)
    try:
        first = croniter(expression, start, max_years_between_matches=HORIZON_YEARS + 1).get_next(datetime)
    except CroniterBadDateError:
        first = None
    if first is None or first - start > timedelta(days=366 * (HORIZON_YEARS + 1)):
        raise CronSyntaxError(f"This cron expression never fires: no date matches it within {HORIZON_YEARS} years.")
