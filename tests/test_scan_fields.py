"""Fields of contracts, settlement sheets and payment proofs, and classification by name and text."""

import pytest
from hypothesis import given, settings, strategies as st

from subsidy_cli.rules import MATERIAL_TYPES
from subsidy_cli.scan.classify import RECEIPT_TYPES, TYPES, by_name, by_text, classify, keyword_table
from subsidy_cli.scan.extract import extract_fields
from subsidy_cli.scan.extract.contract import contract_fields
from subsidy_cli.scan.extract.payment import payment_fields
from subsidy_cli.scan.extract.settlement import settlement_fields

A, B = "北京智算示例科技有限公司", "北京算力供给有限公司"


def test_contract_fields_labelled():
    text = (f"算力服务合同\n合同编号：HT-2024-001\n甲方（采购方）：{A}\n地址：北京市石景山区\n乙方（服务方）：\n{B}\n"
            "合同总金额：人民币壹佰贰拾万元整（¥1,200,000.00）\n服务期限：2024年6月1日至2025年5月31日\n签订日期：2024年5月20日\n")
    assert contract_fields(text) == ({"contract_number": "HT-2024-001", "party_a": A, "party_b": B,
                                      "amount": "1200000.00", "signed_on": "2024-05-20",
                                      "start": "2024-06-01", "end": "2025-05-31"}, [])


def test_contract_fields_full_width_and_spaced_labels():
    text = (f"合 同 编 号：ＨＴ－２０２４－００２\n甲　方：{A}\n乙　方：{B}\n"
            "合同金额：￥３００，０００．００元\n有效期：２０２４－０１－０１至２０２４－１２－３１\n签署日期：2023.12.28")
    fields, problems = contract_fields(text)
    assert fields == {"contract_number": "HT-2024-002", "party_a": A, "party_b": B, "amount": "300000.00",
                      "signed_on": "2023-12-28", "start": "2024-01-01", "end": "2024-12-31"}
    assert problems == []


def test_contract_fields_out_of_reading_order():
    text = ("合同编号：\n甲方：\n乙方：\n签订日期：\nHT-7\n北京甲乙科技有限公司\n上海丙丁数据有限公司\n"
            "壹拾贰万元整\n2024-01-01 至 2024-12-31\n")
    fields, _ = contract_fields(text)
    assert fields == {"party_a": "北京甲乙科技有限公司", "party_b": "上海丙丁数据有限公司", "amount": "120000.00",
                      "start": "2024-01-01", "end": "2024-12-31"}


def test_contract_amount_words_and_figures_disagree():
    fields, problems = contract_fields("合同总金额：人民币壹佰叁拾万元整（¥1,200,000.00）")
    assert fields["amount"] == "1300000.00"   # the words are binding
    assert [(c, s) for c, s, _ in problems] == [("contract.amount_mismatch", "warning")]


def test_contract_amount_in_wan():
    assert contract_fields("合同金额：120万元（含税）")[0]["amount"] == "1200000.00"


def test_settlement_fields_month_and_range():
    fields, _ = settlement_fields("算力服务结算单\n合同编号: HT-2024-001\n结算周期: 2024年2月\n本期结算金额: ¥100,000.00")
    assert fields == {"contract_number": "HT-2024-001", "period_start": "2024-02-01", "period_end": "2024-02-29",
                      "amount": "100000.00"}
    fields, _ = settlement_fields("结算单 合同号 HT-9 结算期间：2024年7月1日至2024年9月30日 结算金额：叁拾万元整")
    assert fields == {"contract_number": "HT-9", "period_start": "2024-07-01", "period_end": "2024-09-30",
                      "amount": "300000.00"}


def test_payment_fields():
    text = (f"中国工商银行 电子回单\n交易日期：2024-07-15\n付款人 户名：{A} 账号：0200001234567890\n"
            f"收款人 户名：{B} 账号：0200009876543210\n金额（小写）：¥100,000.00\n金额（大写）：人民币壹拾万元整")
    assert payment_fields(text) == ({"date": "2024-07-15", "amount": "100000.00", "payer": A, "payee": B}, [])
    fields, _ = payment_fields(f"付款方：{A}\n收款方：{B}\n支付日期：2024年8月1日\n支付金额：５０，０００．００元")
    assert fields == {"date": "2024-08-01", "amount": "50000.00", "payer": A, "payee": B}


def test_types_without_extractor_have_no_fields():
    assert extract_fields("business_license", "营业执照 统一社会信用代码") == ({}, [])
    assert extract_fields("contract", "") == ({}, [])


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(["contract", "settlement_sheet", "payment_proof"]),
       st.text(alphabet=st.sampled_from(list("甲乙方合同编号金额元万壹贰拾佰圆整至年月日:：()（）\n 0123456789-¥,.公司有限")),
               max_size=200))
def test_extractors_never_raise(kind, text):
    fields, problems = extract_fields(kind, text)
    assert isinstance(fields, dict) and all(len(p) == 3 for p in problems)


@pytest.mark.parametrize("name, mtype", [
    ("石景山区算力应用支持资金申报书", "application_form"),
    ("申报承诺书（盖章）", "undertaking"),
    ("营业执照副本", "business_license"),
    ("供应商营业执照", "supplier_qualification"),
    ("供给方资质证明", "supplier_qualification"),
    ("税务登记证", "tax_registration"),
    ("2024年度审计报告", "financial_statements"),
    ("纳税申报表", "financial_statements"),
    ("基本存款账户信息", "bank_account"),
    ("算力服务合同_HT-2024-001", "contract"),
    ("技术服务协议", "contract"),
    ("合同结算单_HT-2024-001_2024-07", "settlement_sheet"),
    ("合同付款回单", "payment_proof"),
    ("发票_001", "invoice"),
    ("24112000000019562163", "invoice"),
    ("04868862", "invoice"),
    ("大模型备案证明", "qualification_proof"),
    ("北京市人工智能伙伴计划", "qualification_proof"),
    ("算力使用情况说明", "usage_description"),
    ("平台日志_日活", "platform_evidence"),
    ("项目验收报告", "acceptance_report"),
    ("大模型情况说明", "model_description"),
    ("法人授权委托书", "authorization"),
    ("Service_Agreement", "contract"),
    ("invoice-2024-07", "invoice"),
    ("bank-payment-0715", "payment_proof"),
    ("Business License", "business_license"),
    ("银行结算账户开户证明", "bank_account"),
    ("sjs-platform_合同", "contract"),
    ("platform-log-2024-06", "platform_evidence"),
])
def test_name_keywords(name, mtype):
    assert by_name(name)[0] == mtype


def test_no_keyword_is_other():
    assert by_name("IMG_2041") is None
    assert classify("IMG_2041.jpg", {"text": ""}, None) == ("other", 0.0, "no known keyword in the name or text")


def test_text_rules():
    assert by_text("xx\nyy\nzz\n价税合计 ¥1.00 开票日期 2024年1月1日") == ("invoice", "text contains 价税合计")
    assert by_text("第一条\n第二条\n第三条\n甲方：A公司 乙方：B公司 本合同一式两份")[0] == "contract"
    assert by_text("交通银行\n\n\n业务回单 付款人 A 收款人 B")[0] == "payment_proof"


def test_folder_name_and_disagreement():
    assert classify("发票/scan01.pdf", {"text": ""}, None) == ("invoice", 0.7, "folder name contains 发票")
    mtype, conf, reason = classify("合同.pdf", {"text": "电子发票\n价税合计 发票号码"}, None)
    assert (mtype, conf) == ("contract", 0.6) and "invoice?" in reason


def test_keyword_table_types_are_known():
    names, texts = keyword_table()
    assert {t for t, _ in names} <= set(TYPES)
    assert {t for t, *_ in texts} <= set(TYPES)
    assert {t for t, _ in names} == set(MATERIAL_TYPES + RECEIPT_TYPES) - {"other"}


@pytest.mark.parametrize("text", [
    f"甲方：{A}（以下简称“甲方”）\n乙方：{B}（以下简称\"乙方\"）\n",
    f"合同\n甲方：\n乙方：\n{A}（以下简称“甲方”）\n{B}（下称乙方）",
    f"甲方：\n{A}\n乙方：\n{B}",
    f"委托方（甲方）：{A}\n受托方（乙方）：{B}\n",
])
def test_contract_parties_in_several_layouts(text):
    fields, _ = contract_fields(text)
    assert (fields.get("party_a"), fields.get("party_b")) == (A, B)


def test_signature_block_labels_are_no_names():
    assert contract_fields("甲方（盖章）：\n乙方（盖章）：\n") == ({}, [])


def test_contract_term_with_zi_qi_zhi():
    fields, _ = contract_fields("服务期限：自2024年6月1日起至2025年5月31日止\n合同总价款为人民币（大写）壹佰贰拾万元整（小写：¥1,200,000.00元）")
    assert fields == {"start": "2024-06-01", "end": "2025-05-31", "amount": "1200000.00"}


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60), st.text(max_size=300))
def test_classify_always_gives_a_known_type(name, text):
    mtype, confidence, reason = classify(name or "x", {"text": text}, None)
    assert mtype in MATERIAL_TYPES and 0 <= confidence <= 1 and reason


def test_the_most_specific_amount_label_wins():
    text = "单价 金额\nA800 ¥100.00\n违约金为合同金额的30%。\n合同总金额：人民币壹佰贰拾万元整（¥1,200,000.00）"
    assert contract_fields(text)[0]["amount"] == "1200000.00"
    sheet = "结算单\n项目 金额\n卡时 ¥10.00\n合计 ¥90.00\n本期结算金额 ¥100.00"
    assert settlement_fields(sheet)[0]["amount"] == "100.00"


@pytest.mark.parametrize("text", [
    f"中国银行 国内支付业务付款回单\n付款人全称：{A}  收款人全称：{B}\n付款人账号：123  收款人账号：456\n"
    "金额：人民币（大写）壹拾万元整  ¥100,000.00\n交易时间：2024-07-15 10:22:01",
    f"招商银行 转账汇款回单\n付款方 {A}\n收款方 {B}\n交易金额 CNY 100,000.00\n交易日期 2024年07月15日",
    f"电子回单\n户名 {A} 户名 {B}\n付款人 收款人\n金额 100000.00\n日期 20240715",
])
def test_payment_fields_in_several_bank_layouts(text):
    assert payment_fields(text)[0] == {"date": "2024-07-15", "amount": "100000.00", "payer": A, "payee": B}


def test_signed_on_from_a_sentence():
    assert contract_fields("本合同于2024年5月20日在北京市石景山区签订，一式两份。")[0] == {"signed_on": "2024-05-20"}
