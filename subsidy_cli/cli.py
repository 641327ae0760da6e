"""Entry point: one Typer app, one error handler, documented exit codes.

0 clean; 1 findings of severity error (check); 2 usage or input error; 3 internal error.
Expected errors print one line on stderr; set SUBSIDY_DEBUG=1 for the traceback.
"""

from __future__ import annotations

import os
import sys

import typer

from . import __version__
from .commands import calc, check, eligible, fill, init, programmes, scan
from .commands import ledger, plan
from .errors import SubsidyError
from .messages import current_lang, render, set_lang, visible

app = typer.Typer(
    name="subsidy", no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False,
    help="Beijing AI compute and model subsidies (算力券, 模型券, 算力应用支持, 产业服务平台): "
         "check dossiers, compute expected awards, fill forms. Never uses the network.")
app.add_typer(programmes.app, name="programmes")
app.command("eligible")(eligible.eligible)
app.command("calc")(calc.calc)
app.command("plan")(plan.plan)
app.add_typer(ledger.app, name="ledger")
app.command("fill")(fill.fill)
app.command("check")(check.check)
app.command("init")(init.init)
app.command("scan")(scan.scan)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"subsidy {__version__}")
        raise typer.Exit()


@app.callback()
def _root(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                       help="Show the version and exit.")) -> None:
    """Beijing AI compute and model subsidies: check, compute, fill."""


def _lang_of(argv: list[str]) -> str:
    """--lang X (or --lang=X) on the command line, else SUBSIDY_LANG, else zh."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return current_lang()


def main(argv: list[str] | None = None) -> None:
    set_lang(_lang_of(sys.argv[1:] if argv is None else argv))
    try:
        _run(argv)
    finally:
        set_lang(None)


def _run(argv: list[str] | None) -> None:
    try:
        code = app(args=argv, prog_name="subsidy", standalone_mode=False)
        if code == 130:             # typer turns Ctrl-C into exit code 130
            _die(render("cli.interrupted", {}, current_lang()), 130)
        if isinstance(code, int) and code:
            sys.exit(code)          # click returns typer.Exit's code when not standalone
    except SubsidyError as exc:
        _die(str(exc), exc.exit_code)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        _die(render("cli.aborted", {}, current_lang()), 2)
    except KeyboardInterrupt:
        _die(render("cli.interrupted", {}, current_lang()), 130)
    except Exception as exc:  # noqa: BLE001 - the one place that turns any failure into exit 3
        import click
        if isinstance(exc, click.exceptions.UsageError):
            exc.show()
            sys.exit(2)
        if isinstance(exc, click.exceptions.ClickException):
            exc.show()
            sys.exit(exc.exit_code)
        if os.environ.get("SUBSIDY_DEBUG"):
            raise
        _die(render("cli.internal", {"error": f"{type(exc).__name__}: {exc}"}, current_lang()), 3)
    sys.exit(0)


def _die(message: str, code: int) -> None:
    sys.stderr.write(f"subsidy: {visible(message)}\n")
    sys.exit(code)
