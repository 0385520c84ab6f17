"""The `loket` command: tools that work without Django (and start fast because they never import it).

    loket allocate INSTANCE.json [--output RESULT.json] [--explain] [--mechanism da|fcfs|boston] [--seed SEED]
    loket allocate --check INSTANCE.json RESULT.json [--seed SEED]
    loket allocate --compare INSTANCE.json [--json] [--seed SEED]

`--seed` gives the lottery seed a round revealed after its run; when the instance carries the round's commitment,
the seed must match it (docs/allocation.md, "Checking a round's lottery").

Exit status: 0 success, 1 a checked result is wrong, 2 bad input or an output that cannot be written (one line per
problem on stderr, each naming the item; nothing is written).
"""

import argparse
import gc
import os
import sys

import msgspec

from loket.allocation.engine import MECHANISMS, InstanceError, parse
from loket.allocation.engine.check import check, to_result
from loket.allocation.engine.compare import compare, format_table
from loket.allocation.engine.explain import explain

EXIT_OK, EXIT_WRONG, EXIT_BAD_INPUT = 0, 1, 2
MAX_INPUT_BYTES = 1 << 30


class BadInput(Exception):
    pass


def _read(path: str) -> bytes:
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_INPUT_BYTES + 1)
    except FileNotFoundError:
        raise BadInput(f"{path}: no such file") from None
    except IsADirectoryError:
        raise BadInput(f"{path}: is a folder, not a file") from None
    except OSError as error:
        raise BadInput(f"{path}: cannot be read ({error.strerror or error})") from None
    if len(data) > MAX_INPUT_BYTES:
        raise BadInput(f"{path}: larger than {MAX_INPUT_BYTES >> 20} MB")
    return data


def _read_result(path: str):
    try:
        return msgspec.json.decode(_read(path))
    except (msgspec.DecodeError, UnicodeDecodeError) as error:
        raise BadInput(f"{path}: not valid JSON ({error})") from None
    except RecursionError:
        raise BadInput(f"{path}: nested too deeply") from None


def _write(data: bytes, output: str | None) -> None:
    """Write all or nothing: a temporary file beside the target, renamed over it when complete."""
    if output is None:
        try:
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
        except BrokenPipeError:
            # The reader went away (`| head`): say so once, and keep Python from complaining at exit.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise BadInput("standard output was closed before the result was written") from None
        return
    import tempfile

    if os.path.isdir(output):
        raise BadInput(f"{output}: is a folder, not a file")
    try:
        directory = os.path.dirname(os.path.abspath(output))
        fd, temporary = tempfile.mkstemp(dir=directory, prefix=".loket-", suffix=".json")
    except OSError as error:
        raise BadInput(f"{output}: cannot be written ({error.strerror or error})") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temporary, output)
    except OSError as error:
        os.unlink(temporary)
        raise BadInput(f"{output}: cannot be written ({error.strerror or error})") from None
    except BaseException:
        os.unlink(temporary)
        raise


def _dump(document, indent: int | None) -> bytes:
    data = msgspec.json.encode(document)
    if indent is not None:
        data = msgspec.json.format(data, indent=indent)
    return data + b"\n"


def allocate(args) -> int:
    if args.check:
        if len(args.files) != 2:
            raise BadInput("--check needs two files: INSTANCE.json RESULT.json")
        instance = parse(_read(args.files[0]), seed=args.seed)
        verdict = check(instance, _read_result(args.files[1]))
        for problem in verdict["problems"]:
            print(problem, file=sys.stderr)
        state = "valid and stable" if verdict["ok"] else "WRONG"
        print(f"{args.files[1]}: {state}; blocking pairs: {verdict['blocking_pairs']}")
        return EXIT_OK if verdict["ok"] else EXIT_WRONG
    if len(args.files) != 1:
        raise BadInput("give one instance file (two only with --check)")
    instance = parse(_read(args.files[0]), seed=args.seed)
    if args.compare:
        rows = compare(instance)
        _write(_dump(rows, 1) if args.json else (format_table(rows) + "\n").encode(), args.output)
        return EXIT_OK
    assignment = MECHANISMS[args.mechanism](instance)
    result = to_result(instance, assignment)
    if args.mechanism != "da":
        result["mechanism"] = args.mechanism
    if args.explain:
        result["explanations"] = explain(instance, assignment)
    _write(_dump(result, args.indent), args.output)
    return EXIT_OK


def _indent(text: str) -> int:
    value = int(text)
    if not 0 <= value <= 16:
        raise ValueError(text)
    return value


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
    alloc.add_argument(
        "--seed",
        metavar="SEED",
        help="the lottery seed the round revealed after its run (replaces the instance's lottery_seed; "
        "checked against the round's commitment when the instance has one)",
    )
    alloc.add_argument("--indent", type=_indent, default=None, help="indent the JSON output (0–16)")
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
    enabled = gc.isenabled()
    gc.disable()
    try:
        return args.handler(args)
    except BadInput as error:
        print(f"loket {args.command}: {error}", file=sys.stderr)
    except InstanceError as error:
        for line in str(error).splitlines():
            print(f"loket {args.command}: {line}", file=sys.stderr)
    finally:
        if enabled:
            gc.enable()
    return EXIT_BAD_INPUT


def run() -> None:
    """The `loket` command. It leaves without tearing down the objects it built: freeing a Flanders-sized instance one
    object at a time would take a tenth of a second, for nothing (the output is written and flushed first)."""
    status = main()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except OSError:  # a reader that went away
            status = status or EXIT_BAD_INPUT
    os._exit(status)


if __name__ == "__main__":
    run()
