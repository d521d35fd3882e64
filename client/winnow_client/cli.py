"""The ``winnow`` command line: classify files, check health, describe the service.

Errors are for people reading a terminal: one ``winnow: error: ...`` line on stderr and
a non-zero exit (2 for usage and input problems, 1 for the server or the network),
never a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, NoReturn, TextIO

import grpc

from winnow_client.client import CONTENT_TYPES, DEFAULT_ADDRESS, WinnowClient, make_request
from winnow_client.errors import WinnowError
from winnow_client.formats import FORMATS, response_to_dict
from winnow_client.inputs import InputError, content_type_for, read_document
from winnow_client.ordering import StreamOrderError, in_input_order

PROG = "winnow"
ADDRESS_ENV = "WINNOW_ADDRESS"
CLASSIFY_TIMEOUT = 30.0
HEALTH_TIMEOUT = 5.0
DESCRIBE_TIMEOUT = 10.0

EXIT_OK = 0
EXIT_FAILURE = 1  # the server said no, or could not be reached
EXIT_USAGE = 2  # bad arguments or unreadable input
EXIT_INTERRUPTED = 130


class UsageError(Exception):
    """A bad command line; raised instead of argparse's exit so main() keeps control."""


class CliError(Exception):
    """A failure already phrased for the user, with the exit code it deserves."""

    def __init__(self, message: str, exit_code: int = EXIT_FAILURE) -> None:
        super().__init__(message)
        self.exit_code = exit_code


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        # One line, like every other error, with a pointer to the help.
        raise UsageError(f"{message} (see '{self.prog} --help')")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI and return its exit code (the console script exits with it)."""
    try:
        parser = build_parser()
        try:
            args = parser.parse_args(argv)
        except SystemExit as exc:  # --help / --version
            return exc.code if isinstance(exc.code, int) else EXIT_OK
        return args.func(args)
    except UsageError as exc:
        _error(str(exc))
        return EXIT_USAGE
    except CliError as exc:
        _error(str(exc))
        return exc.exit_code
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader went away (e.g. `| head`); stop quietly. Point stdout at devnull so
        # the interpreter's final flush does not complain again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_FAILURE
    except Exception as exc:  # a bug: still one line, but say what it was
        _error(f"unexpected {type(exc).__name__}: {exc}")
        return EXIT_FAILURE


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, with one subcommand per task."""
    parser = _Parser(
        prog=PROG,
        description="Classify web documents into blocks with a role and a language, "
        "using a winnow server.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    classify = sub.add_parser(
        "classify",
        help="classify documents",
        description="Classify documents: plain text or HTML pages ('-' reads stdin, *.gz is "
        "decompressed). Results are printed in the order the files are given.",
    )
    _add_address(classify)
    classify.add_argument(
        "--content-type", choices=sorted(CONTENT_TYPES), default=None,
        help="how to read the documents (default: by file name: *.html, *.htm and their .gz "
        "as html, *.txt as text, anything else, stdin too, auto: the server sniffs for markup)",
    )
    classify.add_argument(
        "--languages", type=_language_list, default=(), metavar="CODES",
        help="comma-separated language codes the documents are expected to be in, e.g. "
        "en,cs,es,th: every block gets one of them, or 'und' when its text is in none of them",
    )
    classify.add_argument(
        "--format", choices=sorted(FORMATS), default="table",
        help="output format (default: table)",
    )
    _add_timeout(classify, CLASSIFY_TIMEOUT, "per document")
    classify.add_argument("files", nargs="+", metavar="FILE", help="documents to classify")
    classify.set_defaults(func=cmd_classify)

    health = sub.add_parser("health", help="check that the server is serving",
                            description="Print the server's gRPC health status; exit 0 "
                            "only if it is SERVING.")
    _add_address(health)
    _add_timeout(health, HEALTH_TIMEOUT)
    health.add_argument("--service", default="",
                        help="the service to ask about (default: the whole server)")
    health.set_defaults(func=cmd_health)

    describe = sub.add_parser("describe", help="print the server's models, roles and limits",
                              description="Print the server's DescribeResponse as JSON.")
    _add_address(describe)
    _add_timeout(describe, DESCRIBE_TIMEOUT)
    describe.set_defaults(func=cmd_describe)
    return parser


def _add_address(parser: argparse.ArgumentParser) -> None:
    default = os.environ.get(ADDRESS_ENV) or DEFAULT_ADDRESS
    parser.add_argument(
        "--address", default=default, metavar="HOST:PORT",
        help=f"server address (default: ${ADDRESS_ENV}, else {DEFAULT_ADDRESS}; "
        f"now {default})",
    )


def _add_timeout(parser: argparse.ArgumentParser, default: float, what: str = "") -> None:
    parser.add_argument(
        "--timeout", type=_positive_seconds, default=default, metavar="S",
        help=f"deadline in seconds{' ' + what if what else ''} (default: {default:g})",
    )


def _language_list(text: str) -> tuple[str, ...]:
    codes = tuple(code.strip().lower() for code in text.split(",") if code.strip())
    if not codes:
        raise argparse.ArgumentTypeError(f"expected comma-separated language codes such as en,cs: {text!r}")
    return codes


def _positive_seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not value > 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"must be a positive number of seconds: {text!r}")
    return value


# --- commands ---------------------------------------------------------------------


def cmd_classify(args: argparse.Namespace) -> int:
    """Classify FILE...: one file over Classify, several over one ClassifyStream."""
    documents = _read_all(args.files)
    render = FORMATS[args.format]
    out = _Output(args.format)
    with WinnowClient(args.address, timeout=args.timeout) as client:
        if len(documents) == 1:
            path, data = documents[0]
            try:
                response = client.classify(data, id="0", content_type=args.content_type or content_type_for(path),
                                           expected_languages=args.languages)
            except WinnowError as exc:
                raise _server_error(exc, args, path) from None
            out.document(render(response_to_dict(response, path)))
            return EXIT_OK
        return _classify_stream(client, documents, render, out, args)


def _classify_stream(
    client: WinnowClient,
    documents: list[tuple[str, bytes]],
    render: Callable[[dict[str, Any]], str],
    out: "_Output",
    args: argparse.Namespace,
) -> int:
    ids = [str(i) for i in range(len(documents))]
    # The deadline bounds the whole stream, so give it the per-document timeout for
    # every document: a big batch must not fail just because it is big.
    requests = (
        make_request(data, doc_id, content_type=args.content_type or content_type_for(path),
                     expected_languages=args.languages)
        for doc_id, (path, data) in zip(ids, documents)
    )
    responses = client.classify_many(requests, timeout=args.timeout * len(documents))
    failed = False
    with _progress(len(documents)) as bar:
        out.bar = bar
        try:
            for response in in_input_order(_counted(responses, bar), ids):
                path = documents[int(response.id)][0]
                if response.HasField("error"):
                    err = WinnowError.from_code_name(response.error.code,
                                                     response.error.message)
                    out.error(_document_error(path, err))
                    failed = True
                    continue
                out.document(render(response_to_dict(response, path)))
        except WinnowError as exc:
            raise _server_error(exc, args) from None
        except StreamOrderError as exc:
            missing = [documents[int(i)][0] for i in exc.missing]
            detail = f": {', '.join(missing)}" if missing else ""
            raise CliError(f"the server broke the stream contract ({exc}){detail}") from None
        finally:
            out.bar = None
    return EXIT_FAILURE if failed else EXIT_OK


def cmd_health(args: argparse.Namespace) -> int:
    """Print the health status; succeed only when SERVING."""
    with WinnowClient(args.address, timeout=args.timeout) as client:
        try:
            status = client.health(args.service)
        except WinnowError as exc:
            raise _server_error(exc, args) from None
    print(status)
    return EXIT_OK if status == "SERVING" else EXIT_FAILURE


def cmd_describe(args: argparse.Namespace) -> int:
    """Print the DescribeResponse as proto3 JSON (the same rendering grpcurl shows)."""
    from google.protobuf import json_format

    with WinnowClient(args.address, timeout=args.timeout) as client:
        try:
            response = client.describe()
        except WinnowError as exc:
            raise _server_error(exc, args) from None
    print(json_format.MessageToJson(response, ensure_ascii=False))
    return EXIT_OK


# --- helpers ----------------------------------------------------------------------


def _read_all(paths: Sequence[str]) -> list[tuple[str, bytes]]:
    """Read every input before contacting the server, so a typo in the 90th path fails
    at once with exit 2 instead of after 89 results. Stdin is read once even if '-' is
    given twice."""
    cache: dict[str, bytes] = {}
    documents = []
    for path in paths:
        try:
            data = cache[path] if path == "-" and path in cache else read_document(path)
        except InputError as exc:
            raise CliError(str(exc), EXIT_USAGE) from None
        if path == "-":
            cache[path] = data
        documents.append((path, data))
    return documents


def _server_error(exc: WinnowError, args: argparse.Namespace, path: str | None = None) -> CliError:
    """Phrase a failed call for the user; unreachable gets a hint, not a status code."""
    if exc.code == grpc.StatusCode.UNAVAILABLE:
        return CliError(
            f"cannot reach the server at {args.address} (is winnow-server running?)"
        )
    if exc.code == grpc.StatusCode.DEADLINE_EXCEEDED:
        return CliError(
            f"no answer from the server at {args.address} in time (--timeout "
            f"{args.timeout:g} s; is winnow-server running? a longer --timeout may help)"
        )
    if path is not None:
        return CliError(_document_error(path, exc))
    detail = _one_line(exc.message)
    return CliError(f"the server at {args.address} answered {exc.code.name}"
                    + (f": {detail}" if detail else ""))


def _document_error(path: str, exc: WinnowError) -> str:
    return f"{path}: {_one_line(exc.message) or 'cannot be classified'} ({exc.code.name})"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _error(message: str, bar: Any = None) -> None:
    line = f"{PROG}: error: {_one_line(message)}"
    if bar is not None:
        bar.write(line, file=sys.stderr)
    else:
        print(line, file=sys.stderr, flush=True)


def _counted(responses: Iterable[Any], bar: Any) -> Iterator[Any]:
    """Advance the progress bar as responses arrive (not as they are printed)."""
    for response in responses:
        if bar is not None:
            bar.update(1)
        yield response


@contextlib.contextmanager
def _progress(total: int) -> Iterator[Any]:
    """A tqdm bar on stderr when a person is watching several documents, else ``None``
    (no bar garbles logs or pipes)."""
    if total <= 1 or not _isatty(sys.stderr):
        yield None
        return
    from tqdm import tqdm

    bar = tqdm(total=total, file=sys.stderr, unit="doc", leave=False)
    try:
        yield bar
    finally:
        bar.close()


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


class _Output:
    """Writes documents to stdout and per-document errors to stderr, around a progress
    bar when there is one, flushing each document so output streams through pipes."""

    def __init__(self, fmt: str) -> None:
        self.separator = "\n" if fmt == "table" else ""  # a blank line between tables
        self.bar: Any = None
        self._count = 0

    def document(self, text: str) -> None:
        if self._count and self.separator:
            text = self.separator + text
        self._count += 1
        if self.bar is not None:
            self.bar.write(text, file=sys.stdout)
            sys.stdout.flush()
        else:
            print(text, flush=True)

    def error(self, message: str) -> None:
        _error(message, self.bar)


if __name__ == "__main__":
    sys.exit(main())
