"""Entry point: one Typer app, one error handler, documented exit codes.

0 clean; 1 findings of severity error (check); 2 usage or input error; 3 internal error.
Expected errors print one line on stderr; set SUBSIDY_DEBUG=1 for the traceback.
"""

from __future__ import annotations

import os
import sys

import typer

from . import __version__
from .messages import current_lang, render, set_lang, visible


def _lang_of(argv: list[str]) -> str:
    """--lang X (or --lang=X) on the command line, else SUBSIDY_LANG, else zh."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return current_lang()


# Help is made when the commands are defined: in the language of this command line.
set_lang(_lang_of(sys.argv[1:]))
from .commands import calc, check, draft, eligible, fill, init, ledger, plan, programmes, scan  # noqa: E402
from .errors import SubsidyError  # noqa: E402
from .helptext import H  # noqa: E402

# rich_markup_mode=None: plain help, and typer does not import its markdown renderer (~35 ms).
app = typer.Typer(name="subsidy", no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False,
                  rich_markup_mode=None, help=H("app"))
app.add_typer(programmes.app, name="programmes", help=H("cmd.programmes"))
app.command("eligible", help=H("cmd.eligible"))(eligible.eligible)
app.command("calc", help=H("cmd.calc"))(calc.calc)
app.command("plan", help=H("cmd.plan"))(plan.plan)
app.add_typer(ledger.app, name="ledger", help=H("cmd.ledger"))
app.command("fill", help=H("cmd.fill"))(fill.fill)
app.command("check", help=H("cmd.check"))(check.check)
app.command("init", help=H("cmd.init"))(init.init)
app.command("scan", help=H("cmd.scan"))(scan.scan)
app.command("draft", help=H("cmd.draft"))(draft.draft)
set_lang(None)




def _version(value: bool) -> None:
    if value:
        typer.echo(f"subsidy {__version__}")
        raise typer.Exit()


@app.callback()
def _root(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                       help=H("opt.version"))) -> None:
    """Beijing AI compute and model subsidies: check, compute, fill."""


def main(argv: list[str] | None = None) -> None:
    from . import clickzh
    set_lang(_lang_of(sys.argv[1:] if argv is None else argv))
    clickzh.install(current_lang())
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
