"""Five-field cron validation with messages a person can act on.

croniter's own errors name internal states, so each field is checked here first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MONTH_NAMES = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
DAY_NAMES = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]


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

_ATOM = re.compile(r"^(?P<start>\*|\w+)(?:-(?P<end>\w+))?(?:/(?P<step>\d+))?$")


class CronSyntaxError(ValueError):
    """A cron expression that cannot be scheduled; str() is the user-facing reason."""


def _value(token: str, field: Field, position: int) -> int:
    lowered = token.lower()
    if lowered in field.names:
        return field.names.index(lowered) + field.name_offset
    if not token.isdigit():
        raise CronSyntaxError(
            f"Field {position} ({field.label}): '{token}' is not a number"
            + (f" or a name like '{field.names[0].upper()}'." if field.names else ".")
        )
    number = int(token)
    if not field.low <= number <= field.high:
        raise CronSyntaxError(
            f"Field {position} ({field.label}): {number} is out of range "
            f"{field.low}–{field.high}."
        )
    return number


def _check_field(text: str, field: Field, position: int) -> None:
    for part in text.split(","):
        match = _ATOM.match(part)
        if not match:
            raise CronSyntaxError(f"Field {position} ({field.label}): '{part}' is not valid.")
        start, end, step = match.group("start", "end", "step")
        if step is not None and int(step) == 0:
            raise CronSyntaxError(f"Field {position} ({field.label}): a step of 0 never advances.")
        if start == "*":
            if end is not None:
                raise CronSyntaxError(f"Field {position} ({field.label}): '*' cannot start a range.")
            continue
        low = _value(start, field, position)
        if end is not None and _value(end, field, position) < low:
            raise CronSyntaxError(
                f"Field {position} ({field.label}): range '{start}-{end}' runs backwards."
            )


def check_cron(expression: str) -> str:
    """Return the normalised expression or raise CronSyntaxError."""
    fields = expression.split()
    if not fields:
        raise CronSyntaxError("Enter a cron expression, e.g. '0 6 * * *' for 06:00 every day.")
    if fields[0].startswith("@"):
        raise CronSyntaxError(
            f"'{fields[0]}' shortcuts are not supported; write five fields, e.g. '0 0 * * *'."
        )
    if len(fields) != 5:
        raise CronSyntaxError(
            "A cron expression has 5 fields (minute hour day-of-month month day-of-week); "
            f"this one has {len(fields)}."
        )
    for position, (text, field) in enumerate(zip(fields, FIELDS), start=1):
        _check_field(text, field, position)
    return " ".join(fields)
