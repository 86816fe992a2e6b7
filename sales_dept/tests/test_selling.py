import frappe
from frappe.tests.utils import FrappeTestCase

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
