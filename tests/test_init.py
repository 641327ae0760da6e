import tomllib

import pytest

from subsidy_cli.cli import main


def run(capsys, *args):
    with pytest.raises(SystemExit) as exc:
        main(list(args))
    out, err = capsys.readouterr()
    return exc.value.code, out, err


def test_init_creates_a_commented_profile_and_folders(capsys, tmp_path):
    target = tmp_path / "dossier"
    code, out, err = run(capsys, "init", str(target))
    assert code == 0 and "subsidy check" in err and "已创建" in err and out == ""
    text = (target / "subsidy.toml").read_text("utf-8")
    assert tomllib.loads(text)["schema"] == 1
    assert "# [[contracts]]" in text
    folders = sorted(p.name for p in target.iterdir() if p.is_dir())
    assert "07_发票" in folders and "09_结算单" in folders and len(folders) == 16


def test_the_profile_init_writes_explains_itself_in_the_users_language(capsys, tmp_path):
    """The consultant reads the comments: Chinese by default, English with --lang en, the same keys."""
    import re
    texts = {}
    for lang in ("zh", "en"):
        assert run(capsys, "init", str(tmp_path / lang), "--lang", lang)[0] == 0
        texts[lang] = (tmp_path / lang / "subsidy.toml").read_text("utf-8")
    comments = [line.split("#", 1)[1] for line in texts["zh"].splitlines() if "#" in line]
    assert not [c for c in comments if re.search(r"[A-Za-z]{4,} [a-z]{3,} [a-z]{3,}", c)]   # no English sentence
    assert "请填写已知的情况" in texts["zh"] and "Fill in what you know" in texts["en"]
    assert tomllib.loads(texts["zh"]) == tomllib.loads(texts["en"])
    keys = lambda t: re.findall(r"^#? ?([a-z_0-9]+) *=", t, re.M)
    assert keys(texts["zh"]) == keys(texts["en"])


def test_init_never_overwrites_without_force(capsys, tmp_path):
    (tmp_path / "subsidy.toml").write_text("schema = 1\n# mine\n", "utf-8")
    code, _, err = run(capsys, "init", str(tmp_path))
    assert code == 2 and "已存在；如需覆盖请加 --force" in err
    assert (tmp_path / "subsidy.toml").read_text("utf-8") == "schema = 1\n# mine\n"
    code, _, _ = run(capsys, "init", str(tmp_path), "--force")
    assert code == 0 and "[company]" in (tmp_path / "subsidy.toml").read_text("utf-8")


def test_check_refuses_a_folder_without_profile(capsys, tmp_path):
    code, out, err = run(capsys, "check", str(tmp_path))
    assert code == 2 and out == ""
    assert "材料文件夹根目录没有 subsidy.toml" in err and err.count("\n") == 1


def test_check_refuses_a_file(capsys, tmp_path):
    f = tmp_path / "x.pdf"
    f.write_bytes(b"%PDF-1.4")
    code, _, err = run(capsys, "check", str(f))
    assert code == 2 and "不是文件夹" in err
