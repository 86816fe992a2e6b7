"""The amount in words of a Quotation or Sales Order for a Chinese reader.

ERPNext writes `in_words` and `base_in_words` at each save with Frappe's money_in_words, in the saver's
language; its number words (num2words) have no Chinese, so a Chinese user's quotation said "CNY Five
Hundred And Twenty Thousand 仅。". A Chinese document states yuan in capitals (人民币伍拾贰万元整,
sales_dept.rules.amount_in_words): the fields say so when the saver reads simplified Chinese and the
amount is in yuan (ERPNext's own words otherwise), and the Formal Quotation prints the words of its print
language, whoever saved it."""

import erpnext
import frappe
from frappe.utils import flt, money_in_words

from sales_dept.rules.amount_in_words import chinese_money_in_words, writes_chinese_capitals


def stated_totals(doc) -> tuple[float, float]:
	"""The totals ERPNext writes in words (rounded unless rounding is off): in the document's currency and
	in the company's."""
	if doc.is_rounded_total_disabled():
		return abs(flt(doc.grand_total)), abs(flt(doc.base_grand_total))
	return abs(flt(doc.rounded_total)), abs(flt(doc.base_rounded_total))


def write_in_chinese(doc):
	"""After ERPNext's words: in Chinese capitals where the saver reads simplified Chinese and the amount is
	in yuan."""
	if not writes_chinese_capitals(frappe.local.lang):
		return
	total, base_total = stated_totals(doc)
	words = chinese_money_in_words(total, doc.currency)
	if words and doc.meta.get_field("in_words"):
		doc.in_words = words
	base_words = chinese_money_in_words(base_total, erpnext.get_company_currency(doc.company))
	if base_words and doc.meta.get_field("base_in_words"):
		doc.base_in_words = base_words


def amount_in_words_for_print(doc) -> str | None:
	"""The grand total in words in the language the document is printed in: Chinese capitals for yuan in
	simplified Chinese, Frappe's words in a language they have; None for any other amount in Chinese."""
	total, _base_total = stated_totals(doc)
	if writes_chinese_capitals(frappe.local.lang):
		return chinese_money_in_words(total, doc.currency)
	if (frappe.local.lang or "").startswith("zh"):
		return None
	return money_in_words(total, doc.currency)
