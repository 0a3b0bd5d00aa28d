"""Parameter values per run and their papermill-style rendering."""

from __future__ import annotations

import math
from datetime import date, datetime, timezone

import nbformat
from operator_helpers import code, make_spec, notebook

from nbschedule.operator.parameters import inject_parameters, python_literal, resolve_parameters, template_values


def test_literals_evaluate_back_to_the_value():
    for value in [
        "plain",
        'quote " and \\ backslash',
        "new\nline",
        "ünïcode",
        0,
        -3,
        2.5,
        True,
        False,
        None,
        [1, "a", [None]],
        {"k": {"n": 1.5}, "x": []},
    ]:
        assert eval(python_literal(value)) == value  # noqa: S307 (our own literal, checked here)
    assert math.isnan(eval(python_literal(float("nan"))))
    assert eval(python_literal(float("-inf"))) == float("-inf")
    assert eval(python_literal(date(2024, 2, 29))) == "2024-02-29"


def test_templates_follow_the_schedule_time_zone():
    spec = make_spec(timezone="Europe/Berlin", cron="30 0 * * *")
    logical = datetime(2024, 1, 2, 23, 30, tzinfo=timezone.utc)  # 00:30 on the 3rd in Berlin

    values = template_values(spec, logical, "run-7")

    assert values["logical_date"] == "2024-01-03"
    assert values["logical_datetime"] == "2024-01-03T00:30:00+01:00"
    assert values["data_interval_end"].startswith("2024-01-04T00:30:00")
    assert values["run_id"] == "run-7"


def test_override_beats_template_beats_value_and_absent_ones_stay_out():
    spec = make_spec(
        parameters=[
            {"name": "a", "type": "str", "value": "fixed"},
            {"name": "b", "type": "date", "template": "logical_date", "value": "ignored"},
            {"name": "c", "type": "int", "default": 5},
            {"name": "d", "type": "int", "value": 1},
        ]
    )

    values = resolve_parameters(spec, {"logical_date": "2024-01-03"}, {"d": 9})

    assert values == {"a": "fixed", "b": "2024-01-03", "d": 9}


def test_injected_cell_goes_right_after_the_parameters_cell():
    # After it, so the injected values win over the defaults, as in papermill.
    nb = notebook(code("import os"), code("x = 1", "parameters"), code("print(x)"))

    index, warning = inject_parameters(nb, {"x": 2})

    assert (index, warning) == (2, None)
    assert [c.source for c in nb.cells] == ["import os", "x = 1", "# Parameters\nx = 2\n", "print(x)"]


def test_injected_cell_replaces_an_old_one_and_follows_the_parameters_cell():
    nb = notebook(
        code("import os"), code("x = 1", "parameters"), code("x = 0", "injected-parameters"), code("print(x)")
    )

    index, warning = inject_parameters(nb, {"x": 2})

    assert (index, warning) == (2, None)
    assert [c.source for c in nb.cells] == ["import os", "x = 1", "# Parameters\nx = 2\n", "print(x)"]
    nbformat.validate(nb)
