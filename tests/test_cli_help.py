"""Every command, group and option has help, in Chinese by default and in English on request;
the walk is over the real command tree (typer's click commands), so a command added without help
fails here."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import ROOT

WALK = r"""
import json, typer
from subsidy_cli.cli import app
from subsidy_cli.helptext import HELP
out = []
def walk(cmd, path):
    out.append({"path": path, "kind": "command", "help": cmd.help or ""})
    for p in cmd.params:
        if p.param_type_name == "option" and p.name != "help":
            out.append({"path": path + [p.opts[-1]], "kind": "option", "help": p.help or ""})
    for name, sub in sorted(getattr(cmd, "commands", {}).items()):
        walk(sub, path + [name])
walk(typer.main.get_command(app), [])
print(json.dumps(out, ensure_ascii=False))
"""


def _tree(lang: str) -> list[dict]:
    env = {"SUBSIDY_LANG": lang, "PATH": "/usr/bin:/bin"}
    proc = subprocess.run([sys.executable, "-c", WALK], capture_output=True, text=True, cwd=ROOT, env=env)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_command_and_option_has_help_in_the_language(lang):
    from subsidy_cli.helptext import HELP
    texts = {pair[0 if lang == "zh" else 1] for pair in HELP.values()}
    tree = _tree(lang)
    commands = {" ".join(n["path"]) for n in tree if n["kind"] == "command"}
    assert {"calc", "check", "scan", "fill", "plan", "eligible", "init", "programmes", "programmes show",
            "ledger", "ledger import", "ledger export"} <= commands
    for node in tree:
        where = " ".join(node["path"]) or "subsidy"
        assert node["help"], f"{where}: no help"
        assert node["help"] in texts, f"{where}: help not from the catalogue in {lang}: {node['help'][:60]}"


def test_help_and_usage_errors_are_chinese_by_default(capsys):
    from subsidy_cli.cli import main
    for args in (["--help"], ["calc", "--help"], ["check", "--help"], ["programmes", "show", "--help"],
                 ["ledger", "import", "--help"]):
        with pytest.raises(SystemExit) as exc:
            main(args)
        out = capsys.readouterr().out
        assert exc.value.code == 0 and out.startswith("用法：") and "Show this message" not in out
    with pytest.raises(SystemExit) as exc:
        main(["calc", "--bogus"])
    err = capsys.readouterr().err
    assert exc.value.code == 2 and "没有选项 '--bogus'" in err


def test_the_cli_reference_is_what_the_code_says():
    """docs/cli.md is generated from the command tree; CI fails when a command changes without it."""
    proc = subprocess.run([sys.executable, "tools/cli_reference.py", "--check"], capture_output=True, text=True,
                          cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
