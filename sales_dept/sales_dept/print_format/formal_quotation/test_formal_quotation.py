"""The Formal Quotation (正式报价单 / 投标报价) rendered as HTML, as Frappe prints it: on a quotation made from an
approved tender bid and on a plain one, in Chinese and in English; the quotation gate still holds for it."""

import frappe
from frappe.translate import print_language
from frappe.utils import format_date, money_in_words

from sales_dept.sales_dept.doctype.bid_review.bid_review import make_quotation
from sales_dept.sales_dept.doctype.bid_review.test_bid_review import BidTestCase
from sales_dept.setup.doctype_settings import TRANSLATED_LINK_DOCTYPES, make_doctype_settings
from sales_dept.setup.records import get_or_make_item
from sales_dept.tests.factories import MOTOR
from sales_dept.tests.factories import make_quotation as make_plain_quotation

FORMAT = "Formal Quotation"
PART = "_Test SD Gearbox"
TERMS = "Delivery within 15 working days of the order."


def tax_account(company: str) -> str:
	"""A leaf tax account of the company (any leaf liability account when it has none)."""
	return frappe.db.get_value(
		"Account", {"company": company, "account_type": "Tax", "is_group": 0}
	) or frappe.db.get_value("Account", {"company": company, "root_type": "Liability", "is_group": 0})


def title(text: str) -> str:
	"""The print's heading."""
	return f'<div class="sd-title">{text}</div>'


def render(quotation: str, lang: str = "zh") -> str:
	with print_language(lang):
		return frappe.get_print("Quotation", quotation, print_format=FORMAT)


class TestFormalQuotation(BidTestCase):
	def assertAllIn(self, texts, html: str):
		self.assertEqual([text for text in texts if text not in html], [])

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		get_or_make_item(PART)

	def tender_quotation(self, rate: float = 95):
		"""Zhou's quotation (submitted when its rates are the approved ones) from an approved tender bid:
		10 motors at 95 and 2 gearboxes at 50, with 10 % tax."""
		bid = self.approved_bid(
			lines=[
				{"item_code": MOTOR, "qty": 10, "rate": 95},
				{"item_code": PART, "qty": 2, "rate": 50},
			]
		)
		with self.as_user("Zhou"):
			quotation = make_quotation(bid.name)
			quotation.items[0].rate = rate
			quotation.taxes_and_charges = (
				None  # instead of the company's default taxes the quotation came with
			)
			quotation.set(
				"taxes",
				[
					{
						"charge_type": "On Net Total",
						"account_head": tax_account(quotation.company),
						"rate": 10,
						"description": "VAT 10%",
					}
				],
			)
			quotation.terms = TERMS
			quotation.insert()
			if rate == 95:
				quotation.submit()
		return quotation

	def test_the_format_ships_with_the_app(self):
		self.assertEqual(
			frappe.db.get_value(
				"Print Format", FORMAT, ["doc_type", "module", "standard", "print_format_type"], as_dict=True
			),
			{
				"doc_type": "Quotation",
				"module": "Sales Dept",
				"standard": "Yes",
				"print_format_type": "Jinja",
			},
		)

	def test_a_quotation_from_a_tender_bid_prints_as_a_chinese_tender_quotation(self):
		quotation = self.tender_quotation()
		self.assertEqual((quotation.docstatus, quotation.grand_total), (1, 1155))
		with self.as_user("Zhou"):
			html = render(quotation.name)
		self.assertAllIn(
			(title("投标报价"), "招标编号", "投标标的", "客户", "报价日期", "有效期至", "销售人员"), html
		)
		self.assertAllIn(
			("序号", "品名/规格", "数量", "单位", "单价", "金额", "小计", "总计", "条款和条件"), html
		)
		self.assertAllIn(("客户确认", "报价方", "授权代表签字", "盖章处"), html)
		self.assertAllIn(
			(
				"ZB-2026-118",
				"Motors for the new line",
				quotation.name,
				quotation.customer_name,
				quotation.sd_sales_person,
				format_date(quotation.valid_till),
				MOTOR,
				PART,
				"950.00",  # 10 x 95
				"100.00",  # 2 x 50
				"1,050.00",  # subtotal
				"VAT 10%",
				"105.00",
				"1,155.00",  # grand total
				TERMS,
			),
			html,
		)
		# the amount in words: in Chinese capitals for yuan, none for another currency (ERPNext's are English)
		if quotation.currency == "CNY":
			self.assertIn("大写金额: 人民币壹仟壹佰伍拾伍元整", html)
		else:
			self.assertNotIn("大写金额", html)

	def test_the_same_quotation_prints_in_english_on_request(self):
		quotation = self.tender_quotation()
		with self.as_user("Zhou"):
			html = render(quotation.name, "en")
		self.assertAllIn(
			(title("TENDER QUOTATION"), "Tender Number", "Unit Price", "Company Stamp", "In Words"), html
		)
		self.assertNotIn("投标报价", html)
		with print_language("en"):  # the words of the print's language, whoever saved the quotation
			words = money_in_words(quotation.rounded_total, quotation.currency)
		self.assertIn(f"In Words: {words}", html)

	def test_a_plain_quotation_prints_as_a_quotation_without_tender(self):
		quotation = make_plain_quotation(self.customer).insert()
		html = render(quotation.name)
		self.assertAllIn((title("报价单"), quotation.customer_name, "100.00", "序号", "盖章处"), html)
		self.assertEqual([text for text in ("投标报价", "招标编号") if text in html], [])

	def test_the_bid_gate_holds_for_this_format(self):
		quotation = self.tender_quotation(rate=94)
		with (
			self.as_user("Zhou"),
			self.assertRaisesRegex(frappe.ValidationError, "the approved bid allows 10 at"),
		):
			render(quotation.name)

	def test_the_default_print_format_of_quotation_unless_the_site_chose_one(self):
		self.assertEqual(frappe.get_meta("Quotation").default_print_format, FORMAT)
		# Names of print formats, units and price lists in the user's language (Customize Form's "Translate
		# Link Fields"), from our catalogue where Frappe's and ERPNext's have none.
		self.assertEqual(
			[
				doctype
				for doctype in TRANSLATED_LINK_DOCTYPES
				if not frappe.get_meta(doctype).translated_doctype
			],
			[],
		)
		with print_language("zh"):
			self.assertEqual(
				[frappe._(name) for name in (FORMAT, "Nos", "Standard Selling")],
				["正式报价单", "个", "标准销售"],
			)
		# an admin's own choice (Customize Form replaces our Property Setter with theirs) is kept
		frappe.db.delete("Property Setter", {"doc_type": "Quotation", "property": "default_print_format"})
		frappe.make_property_setter(
			{
				"doctype": "Quotation",
				"doctype_or_field": "DocType",
				"property": "default_print_format",
				"value": "Standard",
				"property_type": "Data",
			},
			is_system_generated=False,
		)
		make_doctype_settings()  # what the install and the patch run
		frappe.clear_cache(doctype="Quotation")
		self.assertEqual(frappe.get_meta("Quotation").default_print_format, "Standard")
