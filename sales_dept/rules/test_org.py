import unittest

from sales_dept.rules.org import (
	LEADER_DISABLED,
	LEADER_IS_GROUP,
	LEADER_NOT_A_GROUP,
	LEADER_OUTSIDE_TEAM,
	LEADER_UNKNOWN,
	OrgChart,
	OrgNode,
	Oversight,
	Position,
	default_sales_person,
)

MANAGERS = ("Sales Manager", "Sales Director")


def department() -> OrgChart:
	"""Sales Team (head: Wang) -> East (leader: Li: Li, Zhou, Wu) and South (leader: Zhao: Zhao, Qian, Sun off)."""
	return OrgChart(
		[
			OrgNode("Sales Team", is_group=True, team_leader="Wang"),
			OrgNode("Wang", "Sales Team", user="wang@x"),
			OrgNode("East", "Sales Team", is_group=True, team_leader="Li"),
			OrgNode("Li", "East", user="li@x"),
			OrgNode("Zhou", "East", user="zhou@x"),
			OrgNode("Wu", "East", user="wu@x"),
			OrgNode("South", "Sales Team", is_group=True, team_leader="Zhao"),
			OrgNode("Zhao", "South", user="zhao@x"),
			OrgNode("Qian", "South", user="qian@x"),
			OrgNode("Sun", "South", enabled=False, user="sun@x"),
		]
	)


class TestPositions(unittest.TestCase):
	def test_salesperson_sees_leader_and_manager(self):
		self.assertEqual(
			department().position_of("zhou@x"),
			Position(sales_person="Zhou", team="East", team_leader="Li", manager="Wang"),
		)

	def test_team_leader_reports_to_the_manager(self):
		self.assertEqual(
			department().position_of("li@x"),
			Position(sales_person="Li", team="East", team_leader="Wang", manager="Wang"),
		)

	def test_department_head_has_no_superior(self):
		self.assertEqual(department().position_of("wang@x"), Position("Wang", "Sales Team", None, None))

	def test_unknown_or_disabled_user_has_no_position(self):
		self.assertEqual(department().position_of("nobody@x"), Position())
		self.assertEqual(department().position_of("sun@x"), Position())

	def test_team_without_leader_falls_back_to_the_next_leader_up(self):
		chart = OrgChart(
			[
				OrgNode("Root", is_group=True, team_leader="Boss"),
				OrgNode("Boss", "Root"),
				OrgNode("North", "Root", is_group=True),
				OrgNode("Ma", "North", user="ma@x"),
			]
		)
		self.assertEqual(chart.position_of("ma@x"), Position("Ma", "North", "Boss", "Boss"))

	def test_nested_teams_give_nearest_leader_and_top_manager(self):
		chart = OrgChart(
			[
				OrgNode("Root", is_group=True, team_leader="Boss"),
				OrgNode("Boss", "Root"),
				OrgNode("Region", "Root", is_group=True, team_leader="Lead1"),
				OrgNode("Lead1", "Region"),
				OrgNode("City", "Region", is_group=True, team_leader="Lead2"),
				OrgNode("Lead2", "City"),
				OrgNode("Rep", "City", user="rep@x"),
			]
		)
		self.assertEqual(chart.position_of("rep@x"), Position("Rep", "City", "Lead2", "Boss"))
		self.assertEqual(chart.team_leader_of("Lead2"), "Lead1")

	def test_a_user_linked_twice_gets_a_stable_answer(self):
		chart = OrgChart(
			[OrgNode("T", is_group=True), OrgNode("B", "T", user="u"), OrgNode("A", "T", user="u")]
		)
		self.assertEqual(chart.sales_person_of("u"), "A")

	def test_cycles_do_not_hang(self):
		chart = OrgChart([OrgNode("A", "B", is_group=True), OrgNode("B", "A", is_group=True)])
		self.assertEqual(chart.ancestors("A"), ["B"])


class TestOversight(unittest.TestCase):
	def test_leader_oversees_own_team_only(self):
		self.assertEqual(department().led_by("Li"), {"Zhou", "Wu"})

	def test_salespeople_are_the_enabled_people_not_the_teams(self):
		self.assertEqual(department().salespeople(), {"Wang", "Li", "Zhou", "Wu", "Zhao", "Qian"})

	def test_head_oversees_all_enabled_people(self):
		self.assertEqual(department().led_by("Wang"), {"Li", "Zhou", "Wu", "Zhao", "Qian"})

	def test_plain_salesperson_oversees_nobody(self):
		oversight = department().oversight_of("zhou@x", ["Sales User"], MANAGERS)
		self.assertEqual(oversight, Oversight())
		self.assertFalse(oversight.covers("Wu"))

	def test_manager_role_oversees_everyone_even_outside_the_tree(self):
		oversight = department().oversight_of("director@x", ["Sales Manager"], MANAGERS)
		self.assertTrue(oversight.everyone)
		self.assertTrue(oversight.covers("Qian"))

	def test_leadership_role_oversees_everyone_too(self):
		self.assertTrue(department().oversight_of("boss@x", ["Sales Director"], MANAGERS).everyone)
		self.assertFalse(
			department().oversight_of("boss@x", ["Sales Director"], ["Sales Manager", None]).everyone
		)

	def test_leader_oversight_covers_team_members(self):
		oversight = department().oversight_of("zhao@x", ["Sales User"], MANAGERS)
		self.assertTrue(oversight.covers("Qian"))
		self.assertFalse(oversight.covers("Zhou"))
		self.assertFalse(oversight.covers("Sun"))


class TestGroupsWithin(unittest.TestCase):
	def test_a_leader_reaches_their_team_not_the_department(self):
		self.assertEqual(department().groups_within({"Li", "Zhou", "Wu"}), {"East"})

	def test_a_disabled_member_does_not_keep_a_team_out_of_reach(self):
		self.assertEqual(department().groups_within({"Zhao", "Qian"}), {"South"})

	def test_the_head_reaches_every_group_a_salesperson_none(self):
		chart = department()
		self.assertEqual(chart.groups_within(chart.salespeople()), {"Sales Team", "East", "South"})
		self.assertEqual(chart.groups_within({"Zhou"}), set())

	def test_an_empty_group_is_in_nobodys_reach(self):
		chart = OrgChart([*department().nodes.values(), OrgNode("West", "Sales Team", is_group=True)])
		self.assertNotIn("West", chart.groups_within(chart.salespeople()))


class TestLeaderProblem(unittest.TestCase):
	def test_valid_and_empty_leaders(self):
		self.assertIsNone(department().leader_problem("East", "Li"))
		self.assertIsNone(department().leader_problem("East", None))
		self.assertIsNone(department().leader_problem("Sales Team", "Qian"))

	def test_each_reason(self):
		chart = department()
		self.assertEqual(chart.leader_problem("Zhou", "Li"), LEADER_NOT_A_GROUP)
		self.assertEqual(chart.leader_problem("East", "Ghost"), LEADER_UNKNOWN)
		self.assertEqual(chart.leader_problem("Sales Team", "East"), LEADER_IS_GROUP)
		self.assertEqual(chart.leader_problem("South", "Sun"), LEADER_DISABLED)
		self.assertEqual(chart.leader_problem("East", "Zhao"), LEADER_OUTSIDE_TEAM)


class TestDefaultSalesPerson(unittest.TestCase):
	def test_largest_allocation_wins(self):
		self.assertEqual(default_sales_person([("Li", 40), ("Zhou", 60)], "Wu", {"Li", "Zhou"}), "Zhou")

	def test_tie_keeps_first_listed(self):
		self.assertEqual(default_sales_person([("Li", 50), ("Zhou", 50)], None, {"Li", "Zhou"}), "Li")

	def test_disabled_members_are_skipped(self):
		self.assertEqual(default_sales_person([("Sun", 100), ("Qian", 0)], None, {"Qian"}), "Qian")

	def test_falls_back_to_current_user(self):
		self.assertEqual(default_sales_person([], "Wu", set()), "Wu")
		self.assertIsNone(default_sales_person([("Sun", 100)], None, set()))


class TestPlanners(unittest.TestCase):
	def test_the_salespeople_in_teams_plan_not_the_department_head(self):
		self.assertEqual(
			department().planners(),
			{"Li": "East", "Zhou": "East", "Wu": "East", "Zhao": "South", "Qian": "South"},
		)

	def test_a_tree_with_one_group_is_one_team(self):
		chart = OrgChart([OrgNode("Team", is_group=True), OrgNode("A", "Team"), OrgNode("B", "Team")])
		self.assertEqual(chart.planners(), {"A": "Team", "B": "Team"})
