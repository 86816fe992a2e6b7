import frappe
from frappe.tests.utils import FrappeTestCase

from sales_dept.rules.org import Position
from sales_dept.services.org import get_my_position, get_org_chart, oversight_of, position_of
from sales_dept.tests.factories import DEPT, EAST, SOUTH, make_sales_org


class TestSalesOrganisation(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.people = make_sales_org()

	def sp(self, key):
		return self.people[key].sales_person

	def user(self, key):
		return self.people[key].user

	def test_position_of_salesperson_leader_and_head(self):
		self.assertEqual(
			position_of(self.user("Zhou")), Position(self.sp("Zhou"), EAST, self.sp("Li"), self.sp("Wang"))
		)
		self.assertEqual(
			position_of(self.user("Zhao")), Position(self.sp("Zhao"), SOUTH, self.sp("Wang"), self.sp("Wang"))
		)
		self.assertEqual(position_of(self.user("Wang")), Position(self.sp("Wang"), DEPT, None, None))

	def test_oversight_by_tree_and_by_manager_role(self):
		leader = oversight_of(self.user("Li"))
		self.assertFalse(leader.everyone)
		self.assertEqual(leader.sales_persons, {self.sp("Zhou")})
		self.assertTrue(oversight_of(self.user("Wang")).everyone)  # holds the Sales Manager role
		self.assertEqual(oversight_of(self.user("Qian")).sales_persons, frozenset())

	def test_whitelisted_position_answers_for_the_session_user(self):
		with self.set_user(self.user("Zhou")):
			answer = get_my_position()
		self.assertEqual(answer["sales_person"], self.sp("Zhou"))
		self.assertEqual(answer["team_leader_user"], self.user("Li"))
		self.assertEqual(answer["manager_user"], self.user("Wang"))
		self.assertEqual(answer["oversees"], [])

	def test_chart_is_reloaded_after_a_sales_person_changes(self):
		self.assertIn(self.sp("Qian"), get_org_chart().members(SOUTH))
		frappe.get_doc("Sales Person", self.sp("Qian")).update({"enabled": 0}).save()
		try:
			self.assertNotIn(self.sp("Qian"), get_org_chart().members(SOUTH))
		finally:
			frappe.get_doc("Sales Person", self.sp("Qian")).update({"enabled": 1}).save()
		self.assertIn(self.sp("Qian"), get_org_chart().members(SOUTH))

	def test_leader_from_another_team_is_refused_and_nothing_saved(self):
		team = frappe.get_doc("Sales Person", EAST)
		team.sd_team_leader = self.sp("Zhao")
		with self.assertRaisesRegex(frappe.ValidationError, "not a member of team"):
			team.save()
		self.assertEqual(frappe.db.get_value("Sales Person", EAST, "sd_team_leader"), self.sp("Li"))

	def test_a_team_cannot_be_a_leader(self):
		team = frappe.get_doc("Sales Person", DEPT)
		team.sd_team_leader = EAST
		with self.assertRaisesRegex(frappe.ValidationError, "is a team"):
			team.save()
		self.assertEqual(frappe.db.get_value("Sales Person", DEPT, "sd_team_leader"), self.sp("Wang"))

	def test_a_lost_role_is_given_back_whoever_is_signed_in(self):
		# after an uninstall and a reinstall our roles are new: the people made before lack them, and the next
		# test to make the organisation may be running as one of them
		leader = self.user("Li")
		frappe.db.delete("Has Role", {"parent": leader, "role": "Sales Team Leader"})
		frappe.clear_cache(user=leader)
		self.assertNotIn("Sales Team Leader", frappe.get_roles(leader))
		with self.set_user(self.user("Zhou")):
			make_sales_org()
		self.assertIn("Sales Team Leader", frappe.get_roles(leader))
