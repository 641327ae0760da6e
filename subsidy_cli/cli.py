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

# name -> (a command function or a sub-app, its help): registered in this order.
_COMMANDS = {"programmes": (programmes.app, "cmd.programmes"), "eligible": (eligible.eligible, "cmd.eligible"),
             "calc": (calc.calc, "cmd.calc"), "plan": (plan.plan, "cmd.plan"), "ledger": (ledger.app, "cmd.ledger"),
             "fill": (fill.fill, "cmd.fill"), "check": (check.check, "cmd.check"), "init": (init.init, "cmd.init"),
             "scan": (scan.scan, "cmd.scan"), "draft": (draft.draft, "cmd.draft")}


def _make_app(names) -> typer.Typer:
    # rich_markup_mode=None: plain help, and typer does not import its markdown renderer (~35 ms).
    # suggest_commands=False: click already says "did you mean" (translated); typer added it again in English.
    made = typer.Typer(name="subsidy", no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False,
                       rich_markup_mode=None, suggest_commands=False, help=H("app"))
    for name in names:
        target, help_key = _COMMANDS[name]
        if isinstance(target, typer.Typer):
            made.add_typer(target, name=name, help=H(help_key))
        else:
            made.command(name, help=H(help_key))(target)
    made.callback()(_root)
    return made


def _version(value: bool) -> None:
    if value:
        typer.echo(f"subsidy {__version__}")
        raise typer.Exit()


def _root(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                       help=H("opt.version"))) -> None:
    """Beijing AI compute and model subsidies: check, compute, fill."""


app = _make_app(_COMMANDS)
set_lang(None)


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
        args = sys.argv[1:] if argv is None else argv
        # typer builds the click command of every registered command on each run (13 ms); when the
        # command line names one, an app of that command alone parses it the same way (1-2 ms).
        run = _make_app([args[0]]) if args and args[0] in _COMMANDS else app
        code = run(args=args, prog_name="subsidy", standalone_mode=False)
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
