import unittest

from sales_dept.rules.pricing import (
	ALLOWANCE_BEYOND_FLOOR,
	ALLOWANCE_NOT_INCREASING,
	APPLIES_TO_ALL,
	APPLIES_TO_ITEM,
	APPLIES_TO_ITEM_GROUP,
	APPROVE,
	DISCOUNT_OVER_100,
	DOCUMENT_CHANGED,
	DOCUMENT_STANDS_ON_IT,
	NEGATIVE_DISCOUNT,
	NEGATIVE_RATE,
	NO_FLOOR,
	NOT_IN_LINE,
	NOT_PENDING,
	NOT_YOURS_TO_WITHDRAW,
	OWN_REQUEST,
	REJECT,
	ROLE_TOO_LOW,
	STEP,
	UNKNOWN_ROLE,
	ApprovedLine,
	Line,
	Policy,
	PolicyIndex,
	approver_role,
	cancel_problem,
	conflicts,
	decision_problem,
	discount_pct,
	floor_rate,
	judge_line,
	lines_fingerprint,
	lines_signature,
	lowest_role_allowing,
	nearest_decider,
	policy_for,
	policy_problems,
	uncovered,
)

SENIORITY = ("Sales User", "Sales Team Leader", "Sales Manager", "Sales Director")
ALLOWANCES = (("Sales User", 3.0), ("Sales Team Leader", 8.0), ("Sales Manager", 12.0))
MOTORS = Policy(
	"motors", APPLIES_TO_ITEM_GROUP, item_group="Motors", max_discount_pct=12, allowances=ALLOWANCES
)


def motor(rate: float, list_rate: float = 100.0, **kw) -> Line:
	return Line(
		idx=1, item_code="M-1", qty=1, list_rate=list_rate, rate=rate, item_groups=("Motors", "All"), **kw
	)


class TestDiscount(unittest.TestCase):
	def test_percent_below_list(self):
		self.assertEqual(discount_pct(100, 92), 8.0)
		self.assertEqual(discount_pct(80, 80), 0.0)
		self.assertEqual(discount_pct(80, 90), 0.0)  # above list is no discount
		self.assertEqual(discount_pct(0, 10), 0.0)

	def test_floor_from_discount_or_minimum_rate_whichever_is_higher(self):
		self.assertEqual(floor_rate(MOTORS, motor(90)), 88.0)
		by_rate = Policy("r", min_rate=50)
		self.assertEqual(floor_rate(by_rate, motor(90, conversion_factor=12)), 600.0)  # box of 12
		self.assertEqual(floor_rate(by_rate, motor(90), doc_per_company_currency=0.14), 7.0)  # CNY -> USD
		both = Policy("b", min_rate=90, max_discount_pct=12)
		self.assertEqual(floor_rate(both, motor(95)), 90.0)


class TestPolicySelection(unittest.TestCase):
	def test_item_beats_nearest_group_beats_parent_group_beats_all(self):
		line = Line(1, "M-1", 1, 100, 90, item_groups=("Small Motors", "Motors", "All Item Groups"))
		general = Policy("all", APPLIES_TO_ALL, max_discount_pct=5)
		parent = Policy("motors", APPLIES_TO_ITEM_GROUP, item_group="Motors", max_discount_pct=5)
		nearest = Policy("small", APPLIES_TO_ITEM_GROUP, item_group="Small Motors", max_discount_pct=5)
		item = Policy("m1", APPLIES_TO_ITEM, item_code="M-1", max_discount_pct=5)
		self.assertEqual(policy_for([general, parent, nearest, item], line, None, None).name, "m1")
		self.assertEqual(policy_for([general, parent, nearest], line, None, None).name, "small")
		self.assertEqual(policy_for([general, parent], line, None, None).name, "motors")
		self.assertEqual(policy_for([general], line, None, None).name, "all")

	def test_index_offers_only_the_candidates_of_a_line(self):
		line = Line(1, "M-1", 1, 100, 90, item_groups=("Small Motors", "Motors", "All Item Groups"))
		policies = [
			Policy("all", APPLIES_TO_ALL),
			Policy("motors", APPLIES_TO_ITEM_GROUP, item_group="Motors"),
			Policy("sensors", APPLIES_TO_ITEM_GROUP, item_group="Sensors"),
			Policy("m1", APPLIES_TO_ITEM, item_code="M-1"),
			Policy("x9", APPLIES_TO_ITEM, item_code="X-9"),
		]
		index = PolicyIndex(policies)
		self.assertEqual([p.name for p in index.candidates(line)], ["m1", "motors", "all"])
		self.assertEqual(policy_for(index.candidates(line), line, None, None).name, "m1")

	def test_equal_ranks_resolve_to_the_first_name(self):
		twins = [Policy("b", max_discount_pct=5), Policy("a", max_discount_pct=5)]
		self.assertEqual(policy_for(twins, motor(90), None, None).name, "a")

	def test_unrelated_policies_do_not_apply(self):
		other_item = Policy("x", APPLIES_TO_ITEM, item_code="X-9", max_discount_pct=5)
		other_group = Policy("g", APPLIES_TO_ITEM_GROUP, item_group="Sensors", max_discount_pct=5)
		self.assertIsNone(policy_for([other_item, other_group], motor(90), None, None))

	def test_group_or_price_list_specific_beats_general_at_equal_target(self):
		vip = Policy(
			"vip", APPLIES_TO_ITEM_GROUP, item_group="Motors", customer_group="VIP", max_discount_pct=15
		)
		self.assertEqual(policy_for([MOTORS, vip], motor(90), "VIP", "Standard Selling").name, "vip")
		self.assertEqual(policy_for([MOTORS, vip], motor(90), "一级", "Standard Selling").name, "motors")
		both = Policy(
			"both", APPLIES_TO_ITEM_GROUP, item_group="Motors", customer_group="VIP", price_list="Std"
		)
		self.assertEqual(policy_for([MOTORS, vip, both], motor(90), "VIP", "Std").name, "both")

	def test_item_target_outranks_narrowing_conditions(self):
		item = Policy("m1", APPLIES_TO_ITEM, item_code="M-1", max_discount_pct=5)
		self.assertEqual(
			policy_for([Policy("vip", customer_group="VIP"), item], motor(90), "VIP", None).name, "m1"
		)


class TestJudgeLine(unittest.TestCase):
	def judge(self, rate, roles=("Sales User",), **kw):
		return judge_line(MOTORS, motor(rate, **kw), roles, SENIORITY, "Sales Director")

	def test_within_own_allowance_needs_nobody(self):
		self.assertIsNone(self.judge(97).required_role)
		self.assertIsNone(self.judge(100).required_role)

	def test_beyond_own_allowance_names_the_lowest_role_that_covers_it(self):
		self.assertEqual(self.judge(95).required_role, "Sales Team Leader")
		self.assertEqual(self.judge(90).required_role, "Sales Manager")
		self.assertEqual(self.judge(95).discount_pct, 5.0)

	def test_a_senior_role_covers_what_juniors_may_do(self):
		self.assertIsNone(self.judge(95, roles=("Sales Manager",)).required_role)
		self.assertIsNone(self.judge(92, roles=("Sales User", "Sales Team Leader")).required_role)

	def test_below_the_floor_needs_leadership_even_for_a_manager(self):
		verdict = self.judge(87, roles=("Sales Manager", "Sales Director"))
		self.assertTrue(verdict.below_floor)
		self.assertEqual(verdict.required_role, "Sales Director")
		self.assertEqual(verdict.floor_rate, 88.0)

	def test_zero_rate_sample_line_is_a_full_discount(self):
		verdict = self.judge(0)
		self.assertEqual((verdict.discount_pct, verdict.required_role), (100.0, "Sales Director"))

	def test_free_items_returns_and_unpriced_lines_are_not_checked(self):
		self.assertIsNone(self.judge(0, is_free_item=True))
		self.assertIsNone(
			judge_line(MOTORS, Line(1, "M-1", -2, 100, 50), ["Sales User"], SENIORITY, "Sales Director")
		)
		self.assertIsNone(self.judge(10, list_rate=0))

	def test_beyond_every_allowance_but_above_floor_needs_leadership(self):
		policy = Policy("p", max_discount_pct=20, allowances=(("Sales User", 3.0),))
		verdict = judge_line(policy, motor(85), ["Sales User"], SENIORITY, "Sales Director")
		self.assertEqual((verdict.below_floor, verdict.required_role), (False, "Sales Director"))

	def test_document_approver_is_the_most_senior_needed(self):
		verdicts = [self.judge(95), self.judge(90), self.judge(99)]
		self.assertEqual(approver_role(verdicts, SENIORITY), "Sales Manager")
		self.assertIsNone(approver_role([self.judge(99)], SENIORITY))

	def test_lowest_role_allowing(self):
		self.assertEqual(lowest_role_allowing(MOTORS, 3, SENIORITY), "Sales User")
		self.assertEqual(lowest_role_allowing(MOTORS, 3.01, SENIORITY), "Sales Team Leader")
		self.assertIsNone(lowest_role_allowing(MOTORS, 13, SENIORITY))


class TestPolicyProblems(unittest.TestCase):
	def test_sound_policy(self):
		self.assertEqual(policy_problems(MOTORS, SENIORITY), [])

	def test_each_problem(self):
		self.assertEqual(policy_problems(Policy("p"), SENIORITY), [(NO_FLOOR, None)])
		self.assertEqual(policy_problems(Policy("p", min_rate=-1), SENIORITY), [(NEGATIVE_RATE, None)])
		self.assertEqual(
			policy_problems(Policy("p", max_discount_pct=-5), SENIORITY), [(NEGATIVE_DISCOUNT, None)]
		)
		self.assertEqual(
			policy_problems(Policy("p", max_discount_pct=120), SENIORITY), [(DISCOUNT_OVER_100, None)]
		)
		shrinking = Policy("p", max_discount_pct=12, allowances=(("Sales User", 8.0), ("Sales Manager", 5.0)))
		self.assertEqual(policy_problems(shrinking, SENIORITY), [(ALLOWANCE_NOT_INCREASING, "Sales Manager")])
		beyond = Policy("p", max_discount_pct=5, allowances=(("Sales User", 8.0),))
		self.assertEqual(policy_problems(beyond, SENIORITY), [(ALLOWANCE_BEYOND_FLOOR, "Sales User")])
		stranger = Policy("p", max_discount_pct=5, allowances=(("Auditor", 1.0),))
		self.assertEqual(policy_problems(stranger, SENIORITY), [(UNKNOWN_ROLE, "Auditor")])


class TestConflicts(unittest.TestCase):
	def test_same_target_and_conditions_conflict(self):
		twin = Policy("twin", APPLIES_TO_ITEM_GROUP, item_group="Motors", max_discount_pct=10)
		self.assertEqual(conflicts(twin, [MOTORS]), ["motors"])

	def test_a_distinguishing_condition_avoids_conflict(self):
		vip = Policy("vip", APPLIES_TO_ITEM_GROUP, item_group="Motors", customer_group="VIP")
		level1 = Policy("l1", APPLIES_TO_ITEM_GROUP, item_group="Motors", customer_group="一级")
		self.assertEqual(conflicts(vip, [MOTORS, level1]), [])

	def test_group_only_and_price_list_only_are_ambiguous(self):
		vip = Policy("vip", APPLIES_TO_ITEM_GROUP, item_group="Motors", customer_group="VIP")
		std = Policy("std", APPLIES_TO_ITEM_GROUP, item_group="Motors", price_list="Standard Selling")
		self.assertEqual(conflicts(vip, [std]), ["std"])

	def test_a_policy_does_not_conflict_with_itself(self):
		self.assertEqual(conflicts(MOTORS, [MOTORS]), [])


class TestCoverage(unittest.TestCase):
	def flagged(self, rate=90.0, qty=1.0):
		return judge_line(
			MOTORS, Line(1, "M-1", qty, 100, rate, ("Motors",)), ["Sales User"], SENIORITY, "Sales Director"
		)

	def test_exact_lines_are_covered_on_the_same_document(self):
		approved = [ApprovedLine("M-1", 1, 90.0)]
		self.assertEqual(uncovered([self.flagged()], approved, same_document=True), [])

	def test_a_changed_rate_or_quantity_needs_a_new_approval(self):
		approved = [ApprovedLine("M-1", 1, 90.0)]
		self.assertEqual(len(uncovered([self.flagged(rate=89.0)], approved, same_document=True)), 1)
		self.assertEqual(len(uncovered([self.flagged(qty=2)], approved, same_document=True)), 1)

	def test_sales_order_inherits_for_same_rate_and_no_more_quantity(self):
		approved = [ApprovedLine("M-1", 5, 90.0)]
		self.assertEqual(uncovered([self.flagged(qty=3)], approved, same_document=False), [])
		self.assertEqual(len(uncovered([self.flagged(qty=6)], approved, same_document=False)), 1)
		self.assertEqual(len(uncovered([self.flagged(rate=89.5, qty=1)], approved, same_document=False)), 1)

	def test_signature_ignores_order_and_float_noise(self):
		a = [ApprovedLine("A", 1, 10.0), ApprovedLine("B", 2, 20.000001)]
		b = [ApprovedLine("B", 2.0, 20.0), ApprovedLine("A", 1, 10)]
		self.assertEqual(lines_signature(a), lines_signature(b))
		self.assertNotEqual(lines_signature(a), lines_signature([ApprovedLine("A", 1, 10.0)]))

	def test_fingerprint_changes_with_quantity_or_rate_not_with_order(self):
		lines = [ApprovedLine("A", 2, 10.0), ApprovedLine("B", 1, 5.5)]
		fingerprint = lines_fingerprint(lines)
		self.assertEqual(len(fingerprint), 40)
		self.assertEqual(fingerprint, lines_fingerprint(reversed(lines)))
		self.assertNotEqual(fingerprint, lines_fingerprint([ApprovedLine("A", 3, 10.0), lines[1]]))
		self.assertNotEqual(fingerprint, lines_fingerprint([ApprovedLine("A", 2, 9.99), lines[1]]))


class TestDecision(unittest.TestCase):
	def decide(self, **kw):
		args = dict(
			status="Pending",
			user="boss@x",
			requester="rep@x",
			user_roles=["Sales Manager"],
			approver_role="Sales Team Leader",
			seniority=SENIORITY,
		)
		args.update(kw)
		return decision_problem(**args)

	def test_a_senior_role_may_decide(self):
		self.assertIsNone(self.decide())
		self.assertIsNone(self.decide(signature_then="a", signature_now="a"))

	def test_each_refusal(self):
		self.assertEqual(self.decide(status="Approved"), NOT_PENDING)
		self.assertEqual(self.decide(status="Rejected", kind=REJECT), NOT_PENDING)
		self.assertEqual(self.decide(user="rep@x"), OWN_REQUEST)
		self.assertEqual(self.decide(user_roles=["Sales User"]), ROLE_TOO_LOW)
		self.assertEqual(self.decide(approver_role="Sales Director"), ROLE_TOO_LOW)
		self.assertEqual(self.decide(signature_then="a", signature_now="b"), DOCUMENT_CHANGED)

	def test_a_leader_of_another_team_holds_the_role_but_is_not_in_line(self):
		other_leader = dict(user_roles=["Sales User", "Sales Team Leader"], in_line=False)
		self.assertEqual(self.decide(**other_leader), NOT_IN_LINE)
		self.assertEqual(self.decide(kind=REJECT, **other_leader), NOT_IN_LINE)
		self.assertEqual(self.decide(user_roles=["Sales User"], in_line=False), ROLE_TOO_LOW)
		self.assertIsNone(self.decide(user_roles=["Sales Team Leader"], in_line=True))

	def test_the_requester_never_even_with_the_role(self):
		for kind in (APPROVE, REJECT, STEP):
			self.assertEqual(self.decide(user="rep@x", user_roles=["Sales Director"], kind=kind), OWN_REQUEST)

	def test_a_later_step_decides_once_the_line_has_endorsed(self):
		finance = dict(user="cfo@x", user_roles=["Accounts Manager"], in_line=False)
		self.assertEqual(self.decide(**finance), ROLE_TOO_LOW)
		self.assertIsNone(self.decide(endorsed=True, **finance))
		self.assertIsNone(self.decide(kind=REJECT, endorsed=True, **finance))
		self.assertEqual(
			self.decide(endorsed=True, signature_then="a", signature_now="b", **finance), DOCUMENT_CHANGED
		)

	def test_a_step_that_keeps_the_request_pending_is_the_workflows(self):
		self.assertIsNone(
			self.decide(user="cfo@x", user_roles=["Accounts Manager"], in_line=False, kind=STEP)
		)
		self.assertEqual(self.decide(status="Approved", kind=STEP), NOT_PENDING)

	def test_rejecting_does_not_compare_the_lines(self):
		self.assertIsNone(self.decide(kind=REJECT, signature_then="a", signature_now="b"))


class TestNearestDecider(unittest.TestCase):
	def test_the_first_leader_holding_a_sufficient_role(self):
		leaders = [("Li", ["Sales User", "Sales Team Leader"]), ("Wang", ["Sales Manager"])]
		self.assertEqual(nearest_decider(leaders, "Sales Team Leader", SENIORITY), "Li")
		self.assertEqual(nearest_decider(leaders, "Sales Manager", SENIORITY), "Wang")
		self.assertIsNone(nearest_decider(leaders, "Sales Director", SENIORITY))
		self.assertIsNone(nearest_decider([], "Sales Team Leader", SENIORITY))


class TestCancel(unittest.TestCase):
	SENIORITY = ("Sales User", "Sales Team Leader", "Sales Manager", "Sales Director")

	def cancel(self, user="zhou", roles=("Sales User",), used=False):
		return cancel_problem(
			user=user,
			requester="zhou",
			user_roles=roles,
			manager_role="Sales Manager",
			seniority=self.SENIORITY,
			used_by_submitted_document=used,
		)

	def test_the_requester_may_withdraw(self):
		self.assertIsNone(self.cancel())

	def test_another_salesperson_or_a_team_leader_may_not(self):
		self.assertEqual(self.cancel(user="qian"), NOT_YOURS_TO_WITHDRAW)
		self.assertEqual(
			self.cancel(user="li", roles=("Sales User", "Sales Team Leader")), NOT_YOURS_TO_WITHDRAW
		)

	def test_the_manager_and_leadership_may(self):
		self.assertIsNone(self.cancel(user="wang", roles=("Sales Manager",)))
		self.assertIsNone(self.cancel(user="boss", roles=("Sales Director",)))

	def test_nobody_while_a_submitted_document_stands_on_it(self):
		self.assertEqual(self.cancel(used=True), DOCUMENT_STANDS_ON_IT)
		self.assertEqual(
			self.cancel(user="boss", roles=("Sales Director",), used=True), DOCUMENT_STANDS_ON_IT
		)
