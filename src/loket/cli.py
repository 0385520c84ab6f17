"""The `loket` command: tools that work without Django (and start fast because they never import it).

    loket allocate INSTANCE.json [--output RESULT.json] [--explain] [--mechanism da|fcfs|boston]
    loket allocate --check INSTANCE.json RESULT.json
    loket allocate --compare INSTANCE.json [--json]

Exit status: 0 success, 1 a checked result is wrong, 2 bad input (the message on stderr names the item).
"""

import argparse
import gc
import json
import os
import sys
import tempfile

from loket.allocation.engine import MECHANISMS, InstanceError, parse
from loket.allocation.engine.check import check, to_result
from loket.allocation.engine.compare import compare, format_table
from loket.allocation.engine.explain import explain

EXIT_OK, EXIT_WRONG, EXIT_BAD_INPUT = 0, 1, 2


class BadInput(Exception):
    pass


def _read_json(path: str):
    try:
        with open(path, "rb") as handle:
            return json.load(handle)
    except FileNotFoundError:
        raise BadInput(f"{path}: no such file") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise BadInput(f"{path}: not valid JSON ({error})") from None
    except OSError as error:
        raise BadInput(f"{path}: cannot be read ({error.strerror})") from None


def _write(text: str, output: str | None) -> None:
    """Write all or nothing: a temporary file beside the target, renamed over it when complete."""
    if output is None:
        sys.stdout.write(text)
        return
    directory = os.path.dirname(os.path.abspath(output))
    fd, temporary = tempfile.mkstemp(dir=directory, prefix=".loket-", suffix=".json")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(temporary, output)
    except BaseException:
        os.unlink(temporary)
        raise


def _dump(document, indent: int | None) -> str:
    return json.dumps(document, ensure_ascii=False, indent=indent) + "\n"


def allocate(args) -> int:
    if args.check:
        if len(args.files) != 2:
            raise BadInput("--check needs two files: INSTANCE.json RESULT.json")
        instance = parse(_read_json(args.files[0]))
        verdict = check(instance, _read_json(args.files[1]))
        for problem in verdict["problems"]:
            print(problem, file=sys.stderr)
        state = "valid and stable" if verdict["ok"] else "WRONG"
        print(f"{args.files[1]}: {state}; blocking pairs: {verdict['blocking_pairs']}")
        return EXIT_OK if verdict["ok"] else EXIT_WRONG
    if len(args.files) != 1:
        raise BadInput("give one instance file (two only with --check)")
    instance = parse(_read_json(args.files[0]))
    if args.compare:
        rows = compare(instance)
        _write(_dump(rows, 1) if args.json else format_table(rows) + "\n", args.output)
        return EXIT_OK
    assignment = MECHANISMS[args.mechanism](instance)
    result = to_result(instance, assignment)
    if args.mechanism != "da":
        result["mechanism"] = args.mechanism
    if args.explain:
        result["explanations"] = explain(instance, assignment)
    _write(_dump(result, args.indent), args.output)
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="loket", description="Loket command-line tools.")
    commands = parser.add_subparsers(dest="command", required=True)
    alloc = commands.add_parser(
        "allocate",
        help="run, check or compare an allocation round (FORMAT.md instance)",
        description="Allocate free places to requests by deferred acceptance (FORMAT.md, loket-allocation/1).",
    )
    alloc.add_argument(
        "files", nargs="+", metavar="FILE", help="INSTANCE.json (and RESULT.json with --check)"
    )
    alloc.add_argument("--output", "-o", help="write the result here (default: standard output)")
    alloc.add_argument("--explain", action="store_true", help="add an 'explanations' key: why, per choice")
    alloc.add_argument(
        "--mechanism", choices=sorted(MECHANISMS), default="da", help="da (default), fcfs or boston"
    )
    alloc.add_argument("--indent", type=int, default=None, help="indent the JSON output")
    mode = alloc.add_mutually_exclusive_group()
    mode.add_argument("--check", action="store_true", help="verify RESULT.json against INSTANCE.json")
    mode.add_argument("--compare", action="store_true", help="run every mechanism and print a table")
    alloc.add_argument("--json", action="store_true", help="with --compare: print the figures as JSON")
    alloc.set_defaults(handler=allocate)
    return parser


def main(argv=None) -> int:
    args = build_parser().parse_args(argv)
    # A short-lived process that builds millions of small objects and no cycles: the cycle collector would only
    # re-walk them (measured: it made reading a Flanders-sized instance five times slower).
    gc.disable()
    try:
        return args.handler(args)
    except (BadInput, InstanceError) as error:
        print(f"loket {args.command}: bad input:\n{error}", file=sys.stderr)
        return EXIT_BAD_INPUT


if __name__ == "__main__":
    sys.exit(main())
