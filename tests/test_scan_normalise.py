"""The one normaliser every reader and extractor uses."""

from subsidy_cli.scan.normalise import clean, compact, normalise


def test_full_width_kangxi_and_supplement_radicals_fold_to_ideographs():
    assert clean("发票号码：２４１１ ⼀⼆ ⻓城 ⻔店 ⺠生") == "发票号码:2411 一二 长城 门店 民生"


def test_control_characters_from_garbled_fonts_become_spaces_not_line_breaks():
    assert clean("a\x0bb\x0cc\nd") == "a b c\nd"


def test_normalise_removes_spaces_inside_chinese_runs_only():
    assert normalise("甲　方：北京 某某 公司  2023  04  11") == "甲方:北京某某公司  2023  04  11"


def test_compact_compares_names_as_people_mean_them():
    assert compact("北京（示例） 科技有限公司") == compact("北京(示例)科技有限公司")
