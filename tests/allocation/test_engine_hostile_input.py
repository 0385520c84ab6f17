"""Any document at all: either a valid instance, or exit 2 with one clear line per problem, never a traceback.

Hypothesis builds random JSON shapes and random changes to a valid instance; the hand-picked cases are the ones
that broke readers before (deep nesting, 5,000-digit integers, NaN, a string where a list belongs).
"""

import contextlib
import copy
import io
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from loket import cli
from loket.allocation.engine import Instance, InstanceError, parse

DATA = Path(__file__).resolve().parent / "data"
EXAMPLE = json.loads((DATA / "example-instance.json").read_text())

scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=12)
    | st.sampled_from(["2027-03", "2026-02-30", "R1", "L1", "income", "work", "", "2026-01-01T09:00:00"])
)
json_values = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=16,
)


def paths(node, prefix=()):
    """Every path to a value inside a document."""
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from paths(value, (*prefix, index))


EXAMPLE_PATHS = [p for p in paths(EXAMPLE) if p]


@st.composite
def changed_instances(draw):
    """The example instance with one to three values replaced, removed or joined by an unknown key."""
    document = copy.deepcopy(EXAMPLE)
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(EXAMPLE_PATHS))
        parent = document
        for step in path[:-1]:
            try:
                parent = parent[step]
            except (KeyError, IndexError, TypeError):
                break
        else:
            action = draw(st.sampled_from(["replace", "replace", "remove", "add"]))
            try:
                if action == "replace":
                    parent[path[-1]] = draw(json_values)
                elif action == "remove":
                    del parent[path[-1]]
                elif isinstance(parent, dict):
                    parent[draw(st.text(min_size=1, max_size=8))] = draw(json_values)
            except (KeyError, IndexError, TypeError):
                pass
    return document


def outcome(document) -> str:
    """'valid' or 'refused'; anything else (an uncaught exception) fails the test."""
    try:
        assert isinstance(parse(document), Instance)
        return "valid"
    except InstanceError as error:
        assert error.problems and all(p and "\n" not in p for p in error.problems), error.problems
        return "refused"


HOSTILE = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@HOSTILE
@given(json_values)
def test_any_json_value_is_refused_cleanly(document):
    assert outcome(document) in ("valid", "refused")
    assert outcome(json.dumps(document)) == outcome(document)


@HOSTILE
@given(changed_instances())
def test_a_changed_instance_is_either_valid_or_refused_the_same_way_from_text_and_from_data(document):
    from_data = outcome(document)
    assert outcome(json.dumps(document)) == from_data
    assert outcome(json.dumps(document).encode()) == from_data


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=200) | st.text(max_size=200).map(str.encode))
def test_any_bytes_are_refused_cleanly(data):
    outcome(data)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(changed_instances())
def test_the_command_exits_0_or_2_with_one_line_per_problem(document):
    with tempfile.TemporaryDirectory() as folder:
        source, output = Path(folder) / "instance.json", Path(folder) / "result.json"
        source.write_text(json.dumps(document))
        stderr = io.StringIO()
        with contextlib.redirect_stderr(stderr):
            status = cli.main(["allocate", str(source), "--output", str(output)])
        lines = stderr.getvalue().splitlines()
        if status == 0:
            assert lines == [] and json.loads(output.read_text())["format"] == "loket-allocation-result/1"
        else:
            assert status == 2 and not output.exists()
            assert lines and all(line.startswith("loket allocate: ") for line in lines)


def valid_text() -> str:
    return json.dumps(EXAMPLE)


def changed(change) -> str:
    document = copy.deepcopy(EXAMPLE)
    change(document)
    return json.dumps(document)


HUGE = "9" * 5000
CASES = {
    "deep nesting": ("[" * 100_000 + "]" * 100_000, "must be a JSON object"),
    "deep nesting in the round's facts": (
        valid_text()[:-1] + ', "round": {"x": ' + "[" * 100_000 + "]" * 100_000 + "}}",
        "nested too deeply",
    ),
    "a 5,000-digit integer": (valid_text().replace('"count": 1', f'"count": {HUGE}', 1), "out of range"),
    "a 5,000-digit seed": (
        valid_text().replace('"lottery_seed": 6', f'"lottery_seed": {HUGE}'),
        "out of range",
    ),
    "a list where an id belongs": (changed(lambda d: d["requests"][0].update(id=["R1"])), "requests[0].id"),
    "NaN": (valid_text().replace('"target_share": 0.2', '"target_share": NaN'), "not valid JSON"),
    "Infinity": (valid_text().replace('"target_share": 0.2', '"target_share": Infinity'), "not valid JSON"),
    "1e999": (valid_text().replace('"target_share": 0.2', '"target_share": 1e999'), "target_share"),
    "duplicate request ids": (
        changed(lambda d: d["requests"].append(d["requests"][0])),
        "request R1: duplicate request id",
    ),
    "flags as a string": (
        changed(lambda d: d["requests"][0].update(flags="work")),
        "request R1.flags: expected a list, got text",
    ),
    "choices as a string": (
        changed(lambda d: d["requests"][0].update(choices="BA")),
        "request R1.choices: expected a list, got text",
    ),
    "a weekday as text": (
        changed(lambda d: d["requests"][0].update(weekdays=["1"])),
        "request R1.weekdays[0]",
    ),
    "a count as a float": (
        changed(lambda d: d["locations"][0]["openings"][0].update(count=1.0)),
        "opening L1-1.count: expected a whole number, got a number",
    ),
    "true as a count": (
        changed(lambda d: d["locations"][0]["openings"][0].update(count=True)),
        "opening L1-1.count",
    ),
    "too many places": (
        changed(lambda d: d["locations"][0]["openings"][0].update(count=10_001)),
        "opening L1-1.count: expected a whole number <= 10000, not 10001",
    ),
    "too many choices": (
        changed(lambda d: d["requests"][0].update(choices=[f"L{i}" for i in range(101)])),
        "request R1.choices: expected a list of length <= 100",
    ),
    "an id of 10,000 characters": (
        changed(lambda d: d["requests"][0].update(id="R" * 10_000)),
        "requests[0].id: expected text of length <= 200",
    ),
    "a misspelt field": (
        changed(lambda d: d["requests"][0].update(flag=["work"])),
        "request R1: object contains unknown field 'flag'",
    ),
    "a missing field": (
        changed(lambda d: d["requests"][0].pop("choices")),
        "request R1: object missing required field 'choices'",
    ),
    "not UTF-8": ('{"format": "\udcff"}', "not valid JSON"),
    "empty": ("", "not valid JSON"),
}


def run(*args):
    command = [sys.executable, "-m", "loket.cli", "allocate", *map(str, args)]
    return subprocess.run(command, capture_output=True, timeout=60)


@pytest.mark.parametrize(("text", "expected"), CASES.values(), ids=list(CASES))
def test_hostile_documents_exit_2_with_one_clear_line(tmp_path, text, expected):
    path = tmp_path / "instance.json"
    path.write_bytes(text.encode("utf-8", "surrogateescape"))
    done = run(path, "--output", tmp_path / "result.json")
    stderr = done.stderr.decode()
    assert done.returncode == 2, stderr
    assert "Traceback" not in stderr
    (line,) = stderr.splitlines()
    assert line.startswith("loket allocate: ") and expected in line, line
    assert sorted(p.name for p in tmp_path.iterdir()) == ["instance.json"]


@pytest.mark.parametrize(
    ("output", "expected"),
    [
        ("/nonexistent/folder/result.json", "cannot be written (No such file or directory)"),
        ("/proc/version", "cannot be written"),
        (".", "is a folder, not a file"),
    ],
)
def test_an_output_that_cannot_be_written_exits_2_with_one_clear_line(tmp_path, output, expected):
    done = run(DATA / "example-instance.json", "--output", output)
    stderr = done.stderr.decode()
    assert done.returncode == 2 and "Traceback" not in stderr
    (line,) = stderr.splitlines()
    assert expected in line, line


def test_a_missing_or_unreadable_instance_exits_2_with_one_clear_line(tmp_path):
    for path, expected in ((tmp_path / "missing.json", "no such file"), (tmp_path, "is a folder")):
        done = run(path)
        (line,) = done.stderr.decode().splitlines()
        assert done.returncode == 2 and expected in line, line
