"""The `loket allocate` command: exit codes, messages, --check, --explain, --mechanism, --compare, no Django."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from .builders import instance, location, opening, request

DATA = Path(__file__).resolve().parent / "data"
LOKET = [sys.executable, "-m", "loket.cli"]


def run(*args, cwd=None):
    return subprocess.run([*LOKET, *map(str, args)], capture_output=True, text=True, cwd=cwd, timeout=60)


def test_allocates_to_stdout_and_to_a_file(tmp_path):
    done = run("allocate", DATA / "example-instance.json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == json.loads((DATA / "example-result.json").read_text())
    output = tmp_path / "result.json"
    done = run("allocate", DATA / "example-instance.json", "--output", output)
    assert done.returncode == 0 and done.stdout == ""
    assert json.loads(output.read_text()) == json.loads((DATA / "example-result.json").read_text())


def test_bad_input_exits_2_with_the_item_named_and_writes_nothing(tmp_path):
    bad = instance([location("A", opening("A1"))], [request("R1", ["A", "Nowhere"])])
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(bad))
    output = tmp_path / "result.json"
    done = run("allocate", path, "--output", output)
    assert done.returncode == 2
    assert "request R1.choices: unknown location 'Nowhere'" in done.stderr
    assert not output.exists()
    assert list(tmp_path.iterdir()) == [path]  # no half-written temporary file either


@pytest.mark.parametrize(
    ("content", "message"),
    [("{not json", "not valid JSON"), ("[]", "must be a JSON object")],
)
def test_unreadable_documents_exit_2(tmp_path, content, message):
    path = tmp_path / "instance.json"
    path.write_text(content)
    done = run("allocate", path)
    assert done.returncode == 2 and message in done.stderr


def test_a_missing_file_exits_2():
    done = run("allocate", "/nonexistent/instance.json")
    assert done.returncode == 2 and "no such file" in done.stderr


def test_check_accepts_the_correct_result_and_catches_a_broken_one(tmp_path):
    done = run("allocate", "--check", DATA / "example-instance.json", DATA / "example-result.json")
    assert done.returncode == 0, done.stderr
    assert "blocking pairs: 0" in done.stdout

    result = json.loads((DATA / "example-result.json").read_text())
    # Take R1's place away and leave it unassigned: the place is free again and R1 wants it, a blocking pair.
    result["assignments"] = [a for a in result["assignments"] if a["request"] != "R1"]
    result["unassigned"].append("R1")
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(result))
    done = run("allocate", "--check", DATA / "example-instance.json", broken)
    assert done.returncode == 1
    assert "blocking pair: request R1" in done.stderr

    # Over capacity and a missing request.
    result = json.loads((DATA / "example-result.json").read_text())
    result["assignments"].append({"request": "R3", "opening": "L3-1"})
    result["unassigned"].remove("R3")
    result["unassigned"].remove("R10")
    broken.write_text(json.dumps(result))
    done = run("allocate", "--check", DATA / "example-instance.json", broken)
    assert done.returncode == 1
    assert "opening L3-1: 2 requests assigned to 1 places" in done.stderr
    assert "request R10: missing from the result" in done.stderr


def test_check_catches_an_ineligible_assignment(tmp_path):
    inst = instance([location("A", opening("A1", tariff="free"))], [request("R1", ["A"], tariffs=["income"])])
    (tmp_path / "i.json").write_text(json.dumps(inst))
    (tmp_path / "r.json").write_text(
        json.dumps(
            {
                "format": "loket-allocation-result/1",
                "assignments": [{"request": "R1", "opening": "A1"}],
                "unassigned": [],
            }
        )
    )
    done = run("allocate", "--check", tmp_path / "i.json", tmp_path / "r.json")
    assert done.returncode == 1 and "not eligible for opening A1" in done.stderr


def test_explain_adds_explanations(tmp_path):
    done = run("allocate", DATA / "example-instance.json", "--explain")
    result = json.loads(done.stdout)
    assert set(result["explanations"]) == {f"R{i}" for i in range(1, 25)}


def test_mechanisms_and_compare():
    for mechanism in ("fcfs", "boston"):
        done = run("allocate", DATA / "example-instance.json", "--mechanism", mechanism)
        assert done.returncode == 0 and json.loads(done.stdout)["mechanism"] == mechanism
    done = run("allocate", "--compare", DATA / "example-instance.json")
    assert done.returncode == 0
    lines = done.stdout.splitlines()
    assert lines[0].split() == ["da", "fcfs", "boston"]
    assert any(line.startswith("blocking pairs") and line.split()[2] == "0" for line in lines)
    rows = json.loads(run("allocate", "--compare", "--json", DATA / "example-instance.json").stdout)
    assert [row["mechanism"] for row in rows] == ["da", "fcfs", "boston"]


def test_the_command_never_imports_django():
    code = "import sys, loket.cli; sys.exit(1 if any(m.startswith('django') for m in sys.modules) else 0)"
    assert subprocess.run([sys.executable, "-c", code], timeout=30).returncode == 0


def test_usage_errors_exit_2():
    assert run("allocate").returncode == 2
    assert run("allocate", "--check", DATA / "example-instance.json").returncode == 2
