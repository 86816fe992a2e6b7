import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.translate import print_language
from frappe.utils import money_in_words

from sales_dept.sales_dept.print_format.formal_quotation.test_formal_quotation import render
from sales_dept.setup.records import default_company
from sales_dept.tests.factories import EAST, make_customer, make_quotation, make_sales_org


class TestDefaultSalesPerson(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.people = make_sales_org()

	def test_quotation_takes_the_customer_sales_team(self):
		quotation = make_quotation(make_customer("_Test SD Customer Zhou", "Zhou")).insert()
		self.assertEqual(quotation.sd_sales_person, self.people["Zhou"].sales_person)

	def test_quotation_falls_back_to_the_current_user(self):
		customer = make_customer("_Test SD Customer Unowned", None)
		with self.set_user(self.people["Qian"].user):
			quotation = make_quotation(customer).insert()
		self.assertEqual(quotation.sd_sales_person, self.people["Qian"].sales_person)

	def test_explicit_choice_is_kept(self):
		quotation = make_quotation(
			make_customer("_Test SD Customer Zhou", "Zhou"), sd_sales_person=self.people["Li"].sales_person
		).insert()
		self.assertEqual(quotation.sd_sales_person, self.people["Li"].sales_person)

	def test_a_team_is_refused_and_nothing_saved(self):
		before = frappe.db.count("Quotation")
		quotation = make_quotation(make_customer(), sd_sales_person=EAST)
		with self.assertRaisesRegex(frappe.ValidationError, "is a team"):
			quotation.insert()
		self.assertEqual(frappe.db.count("Quotation"), before)

	def test_opportunity_takes_the_customer_sales_team(self):
		opportunity = frappe.get_doc(
			{
				"doctype": "Opportunity",
				"opportunity_from": "Customer",
				"party_name": make_customer("_Test SD Customer Zhou", "Zhou"),
			}
		).insert()
		self.assertEqual(opportunity.sd_sales_person, self.people["Zhou"].sales_person)


class TestAmountInChineseCapitals(FrappeTestCase):
	"""ERPNext writes the amount in words with num2words, which has no Chinese ("CNY Five Hundred And Twenty
	Thousand 仅。"): a document in yuan saved by a reader of Chinese states it in capitals, and the Formal
	Quotation prints the words of its print language, whoever saved it."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_sales_org()
		cls.customer = make_customer("_Test SD Customer Zhou", "Zhou")
		cls.company_currency = frappe.get_cached_value("Company", default_company(), "default_currency")
		cls.conversion_rate = 1 if cls.company_currency == "CNY" else 0.14

	def yuan_quotation(self, language: str, rate: float = 52_000):
		"""10 x `rate` yuan, saved by a user reading `language` (the language of their requests)."""
		quotation = make_quotation(
			self.customer,
			currency="CNY",
			conversion_rate=self.conversion_rate,
			items=[{"item_code": "_Test SD Item", "qty": 10, "rate": rate}],
		)
		with print_language(language):
			return quotation.insert()

	def yuan_order(self, language: str, rate: float):
		"""A submitted Sales Order of one line at `rate` yuan, saved by a user reading `language`."""
		order = frappe.get_doc(
			{
				"doctype": "Sales Order",
				"customer": self.customer,
				"company": default_company(),
				"currency": "CNY",
				"conversion_rate": self.conversion_rate,
				"transaction_date": frappe.utils.nowdate(),
				"delivery_date": frappe.utils.add_days(frappe.utils.nowdate(), 30),
				"items": [{"item_code": "_Test SD Item", "qty": 1, "rate": rate}],
			}
		)
		with print_language(language):
			return order.insert()

	def test_a_chinese_saver_writes_yuan_in_capitals(self):
		quotation = self.yuan_quotation("zh")
		self.assertEqual((quotation.grand_total, quotation.in_words), (520_000, "人民币伍拾贰万元整"))
		if self.company_currency == "CNY":
			self.assertEqual(quotation.base_in_words, "人民币伍拾贰万元整")
		else:  # the company's amount is not in yuan: ERPNext's words, in the saver's language as ERPNext has it
			with print_language("zh"):
				erpnexts = money_in_words(quotation.base_rounded_total, self.company_currency)
			self.assertEqual(quotation.base_in_words, erpnexts)

	def test_the_fen_are_stated(self):
		# ERPNext rounds a total in yuan to the fen (CNY's smallest fraction, 0.01) and words the rounded total
		order = self.yuan_order("zh", 100.07)
		self.assertEqual((order.rounded_total, order.in_words), (100.07, "人民币壹佰元零柒分"))

	def test_update_items_on_a_submitted_order_writes_the_new_total_in_capitals(self):
		from erpnext.controllers.accounts_controller import update_child_qty_rate

		order = self.yuan_order("zh", 100)
		with print_language("zh"):
			order.submit()
			update_child_qty_rate(
				"Sales Order",
				frappe.as_json(
					[{"docname": order.items[0].name, "item_code": "_Test SD Item", "qty": 3, "rate": 100}]
				),
				order.name,
			)
		self.assertEqual(
			frappe.db.get_value("Sales Order", order.name, ["grand_total", "in_words"]),
			(300, "人民币叁佰元整"),
		)

	def test_another_saver_keeps_erpnexts_words(self):
		quotation = self.yuan_quotation("en")
		self.assertEqual(quotation.in_words, money_in_words(520_000, "CNY"))
		self.assertIn("Five Hundred", quotation.in_words)

	def test_the_formal_quotation_states_the_words_of_its_print_language(self):
		quotation = self.yuan_quotation("en")
		self.assertIn("大写金额: 人民币伍拾贰万元整", render(quotation.name, "zh"))
		self.assertIn(f"In Words: {money_in_words(520_000, 'CNY')}", render(quotation.name, "en"))
