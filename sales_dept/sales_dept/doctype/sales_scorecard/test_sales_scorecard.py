# Copyright (c) 2026, sales_dept developers
# For license information, please see license.txt

"""Scorecards on known records (`sales_dept.tests.scorecard_factories`, March 2025 of Sun and Wu): each KPI's
exact value and the documents its drill-down opens, the score, grade and reward, the review steps and who may
take them, frozen values, the bad input refused, and the batch with its figures and its fixed query count."""

from unittest.mock import patch

import frappe
from frappe.desk.form.load import run_onload
from frappe.model.workflow import apply_workflow
from frappe.tests.utils import FrappeTestCase, change_settings
from frappe.translate import print_language
from frappe.utils import getdate

from sales_dept.rules import scoring
from sales_dept.sales_dept.doctype.sales_scorecard.sales_scorecard import recompute, sources
from sales_dept.sales_dept.report.scorecard_ranking import scorecard_ranking
from sales_dept.services.scorecard_batch import generate, people_to_appraise
from sales_dept.services.scorecard_drilldown import CONDUCT
from sales_dept.services.scorecard_figures import compute, conduct_counts
from sales_dept.services.scorecard_periods import period_for
from sales_dept.services.scorecard_review import waiting_for
from sales_dept.services.scorecard_templates import load_template
from sales_dept.services.scorecards import generate_scorecards, scorecards_waiting_for_me
from sales_dept.setup.records import acting_as, default_company, get_or_make_sales_person
from sales_dept.setup.scorecards import store_texts_in_source_words
from sales_dept.tests.factories import EAST, PEOPLE
from sales_dept.tests.scorecard_factories import (
	MA,
	MOTOR,
	OTHER,
	PREFIX,
	SUN,
	WU,
	customer,
	make_invoice,
	make_scorecard_data,
	march,
)

TODAY = "2025-04-15"
# KPI -> (Sun's value, sources; Wu's value, sources), hand-computed in scorecard_factories' docstring.
EXPECTED = {
	scoring.TARGET_COMPLETION: ((91.6667, 3), (100.0, 2)),
	scoring.COLLECTION_COMPLETION: ((85.0, 3), (None, 1)),
	scoring.COLLECTION_RATE: ((43.5897, 5), (20.0, 2)),
	scoring.NEW_CUSTOMERS: ((1.6, 2), (1.4, 2)),
	scoring.VISIT_EXECUTION: ((75.0, 1), (None, 0)),
	scoring.VISIT_COVERAGE: ((50.0, 2), (None, 0)),
	scoring.COMPLAINTS: ((4.0, 4), (0.0, 0)),
	scoring.COMPLAINTS_WITHIN_SLA: ((50.0, 4), (None, 0)),
	scoring.FIRST_RESPONSE_HOURS: ((1.1667, 3), (None, 0)),
	scoring.SATISFACTION: ((4.0, 2), (None, 0)),
	scoring.SALES_GROWTH: ((50.0, 4), (None, 2)),
}


class CountQueries:
	"""Counts the statements sent to the database inside the block."""

	def __enter__(self):
		self.count, real = 0, frappe.db.sql

		def counted(*args, **kwargs):
			self.count += 1
			return real(*args, **kwargs)

		self.patcher = patch.object(frappe.db, "sql", counted)
		self.patcher.start()
		return self

	def __exit__(self, *exc):
		self.patcher.stop()


def invoice_names(*remarks) -> set[str]:
	return set(
		frappe.get_all("Sales Invoice", {"remarks": ["in", [f"{PREFIX} {r}" for r in remarks]]}, pluck="name")
	)


def listed(target: dict) -> set[str]:
	"""The names a drill-down's list would show (its route options as list filters)."""
	doctype = target["route"][1]
	filters = []
	for field, value in target["route_options"].items():
		child, _dot, fieldname = field.rpartition(".")
		condition = value if isinstance(value, list) else ["=", value]
		filters.append([child or doctype, fieldname, *condition])
	return set(frappe.get_all(doctype, filters=filters, pluck="name", distinct=True))


class ScorecardTestCase(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.template = make_scorecard_data()
		cls.company = default_company()

	def setUp(self):
		frappe.db.savepoint("sd_scorecard_test")  # each test starts from the records of the class

	def tearDown(self):
		frappe.db.rollback(save_point="sd_scorecard_test")
		frappe.clear_document_cache("Sales Scorecard")

	def new_scorecard(self, person=SUN, day="2025-03-10", **fields):
		return frappe.get_doc(
			{
				"doctype": "Sales Scorecard",
				"sales_person": person.sales_person,
				"template": fields.pop("template", self.template),
				"company": self.company,
				"period_start": day,
				**fields,
			}
		).insert()

	def values_of(self, doc) -> dict:
		return {
			row.kpi: (row.value if row.measured else None, row.source_count)
			for row in doc.kpis
			if not row.manager_rated
		}


class TestScorecardFigures(ScorecardTestCase):
	def test_each_kpi_of_march(self):
		spec = load_template(self.template)
		period = period_for(self.company, spec.period_type, march())
		self.assertEqual(
			(period.start, period.end, period.label), (march(), getdate("2025-03-31"), "2025-03")
		)
		figures = compute(self.company, period, {SUN.sales_person, WU.sales_person}, spec, today=TODAY)
		for index, person in enumerate((SUN, WU)):
			values = figures[person.sales_person].values(15)
			for kpi, expected in EXPECTED.items():
				with self.subTest(person=person.key, kpi=kpi):
					value, count = values[kpi]
					self.assertEqual((None if value is None else round(value, 4), count), expected[index])
		sun = figures[SUN.sales_person]
		self.assertEqual((sun.target, sun.achieved, sun.net_sales), (12000, 11000, 12000))
		self.assertEqual((sun.collection_target, sun.paid, sun.due), (10000, 8500, 11000))
		self.assertEqual(sun.net_sales_last_year, 8000)
		wu = figures[WU.sales_person]
		self.assertEqual((wu.target, wu.net_sales, wu.paid, wu.due), (6000, 6000, 1000, 4000))
		self.assertEqual((wu.collection_target, wu.has_collection_target), (0, False))

	def test_the_number_of_queries_does_not_grow_with_the_salespeople(self):
		spec = load_template(self.template)
		period = period_for(self.company, spec.period_type, march())
		everyone = people_to_appraise(spec)
		self.assertGreater(len(everyone), 5)
		counts = []
		for people in ({SUN.sales_person}, {SUN.sales_person, WU.sales_person}, everyone):
			compute(self.company, period, people, spec, today=TODAY)  # caches warm
			with CountQueries() as queries:
				compute(self.company, period, people, spec, today=TODAY)
			counts.append(queries.count)
		self.assertEqual(len(set(counts)), 1, counts)

	@change_settings("Sales Dept Settings", {"scorecard_sales_basis": "Orders"})
	def test_sales_orders_instead_of_invoices(self):
		order = frappe.get_doc(
			{
				"doctype": "Sales Order",
				"company": self.company,
				"customer": customer("Sun A"),
				"transaction_date": "2025-03-07",
				"delivery_date": "2025-03-30",
				"items": [{"item_code": MOTOR, "qty": 3, "rate": 1000, "delivery_date": "2025-03-30"}],
				"sales_team": [{"sales_person": SUN.sales_person, "allocated_percentage": 100}],
			}
		)
		order.insert(ignore_permissions=True)
		order.submit()
		doc = self.new_scorecard()
		self.assertEqual((doc.net_sales, doc.target_amount), (3000, 12000))
		self.assertEqual(self.values_of(doc)[scoring.TARGET_COMPLETION], (25.0, 1))
		target = sources(doc.name, scoring.TARGET_COMPLETION)
		self.assertEqual(target["route"], ["List", "Sales Order"])
		self.assertEqual(listed(target), {order.name})


class TestScorecardDocument(ScorecardTestCase):
	def test_made_on_the_desk_with_score_grade_and_reward(self):
		doc = self.new_scorecard(day="2025-03-20")
		self.assertEqual(
			(str(doc.period_start), str(doc.period_end), doc.period_label),
			("2025-03-01", "2025-03-31", "2025-03"),
		)
		self.assertEqual(
			(doc.status, doc.workflow_state, doc.user, doc.team), ("Draft", "Draft", SUN.user, EAST)
		)
		self.assertEqual(
			{kpi: value for kpi, value in self.values_of(doc).items() if kpi in EXPECTED},
			{kpi: expected[0] for kpi, expected in EXPECTED.items()},
		)
		# (35 * 91.667 % + 15 * 85 % + 5 * 43.59 % + 10 * 80 % + 10 * 50 % + 5 * 50 % + 5 * 50 % + 5 * 80 %)
		# * 100 / 90 (the manager's two rows of 5 are not rated yet)
		self.assertEqual((doc.total_score, doc.grade), (76.68, "B"))
		self.assertEqual(doc.reward_suggestion, "Bonus of 10 % of base pay")
		self.assertEqual((doc.growth_pct, doc.growth_goal_pct, doc.meets_growth_goal), (50, 15, 1))
		notes = {row.kpi: row.note for row in doc.kpis}
		self.assertEqual(notes[scoring.ATTENDANCE], "Waiting for the manager's rating")
		self.assertEqual(notes[scoring.SALES_GROWTH], "For information")

	def test_drill_down_of_each_kpi(self):
		doc = self.new_scorecard()
		expected = {
			scoring.TARGET_COMPLETION: invoice_names("INV1", "INV2", "RET1"),
			scoring.COLLECTION_COMPLETION: invoice_names("INV1", "INV2", "FEB"),
			scoring.COLLECTION_RATE: invoice_names("INV1", "INV2", "RET1", "FEB", "LY"),
			scoring.NEW_CUSTOMERS: {customer("Sun A"), customer("Shared")},
			scoring.COMPLAINTS: set(
				frappe.get_all("Issue", {"subject": ["like", f"{PREFIX}%"]}, pluck="name")
			),
			scoring.SATISFACTION: set(
				frappe.get_all("Quality Feedback", {"document_name": ["like", f"{PREFIX}%"]}, pluck="name")
			),
		}
		for kpi, names in expected.items():
			with self.subTest(kpi=kpi):
				target = sources(doc.name, kpi)
				self.assertEqual(
					len(names), dict(self.values_of(doc))[kpi][1] if kpi != scoring.COMPLAINTS else 4
				)
				self.assertEqual(listed(target), names)
		visits = sources(doc.name, scoring.VISIT_EXECUTION)
		self.assertEqual(visits["route"], ["query-report", "Visit Plan Execution"])
		self.assertEqual(
			visits["route_options"],
			{
				"company": self.company,
				"from_date": "2025-03-01",
				"to_date": "2025-03-31",
				"sales_person": SUN.sales_person,
			},
		)
		self.assertEqual(
			sources(doc.name, scoring.VISIT_COVERAGE)["route"], ["query-report", "Customer Visit Coverage"]
		)
		self.assertEqual(
			sources(doc.name, scoring.SALES_GROWTH)["route"], ["query-report", "Sales Target Achievement"]
		)
		self.assertIsNone(sources(doc.name, scoring.ATTENDANCE))

	def test_conduct_deduction_from_standing_penalties(self):
		if not conduct_counts():
			self.skipTest("conduct records are not built on this site")
		penalty = frappe.get_doc(
			{
				"doctype": "Penalty Record",
				"name": f"{PREFIX} Penalty",
				"sales_person": SUN.sales_person,
				"company": self.company,
				"incident_date": "2025-03-12",
				"status": "Approved",
				"docstatus": 1,
			}
		)
		penalty.db_insert()
		doc = self.new_scorecard()
		self.assertEqual((doc.standing_penalties, doc.conduct_deduction, doc.subtotal_score), (1, 5, 76.68))
		self.assertEqual(doc.total_score, 71.68)
		self.assertEqual(listed(sources(doc.name, CONDUCT)), {penalty.name})

	def test_the_review_from_draft_to_approved(self):
		doc = self.new_scorecard()
		with acting_as(SUN.user), self.assertRaises(frappe.ValidationError):
			apply_workflow(doc, "Release for Self Review")  # not the workflow's role: Frappe refuses
		with acting_as(PEOPLE["Zhao"].user):  # a team leader, but not Sun's
			doc.reload()
			with self.assertRaisesRegex(frappe.PermissionError, "release a scorecard"):
				doc.status = "Self Review"
				doc.save(ignore_permissions=True)
		with acting_as(PEOPLE["Li"].user):
			apply_workflow(frappe.get_doc("Sales Scorecard", doc.name), "Release for Self Review")
		with acting_as(SUN.user):
			doc = frappe.get_doc("Sales Scorecard", doc.name)
			doc.salesperson_comment = "Two new customers, collection still slow."
			doc.save()
			apply_workflow(doc, "Submit Self Review")
		with acting_as(PEOPLE["Wang"].user):
			doc = frappe.get_doc("Sales Scorecard", doc.name)
			with self.assertRaisesRegex(frappe.ValidationError, "Rate every row"):
				apply_workflow(doc, "Send to Leadership")
			doc = frappe.get_doc("Sales Scorecard", doc.name)
			for row in doc.kpis:
				if row.kpi == scoring.ATTENDANCE:
					row.rating = 90
				elif row.kpi == scoring.SERVICE_ATTITUDE:
					row.rating = 100
			doc.manager_comment = "Good month."
			doc.save()
			self.assertEqual((doc.total_score, doc.grade), (78.51, "B"))
			apply_workflow(doc, "Send to Leadership")
			with self.assertRaises(frappe.ValidationError):  # the workflow's approve is leadership's
				apply_workflow(frappe.get_doc("Sales Scorecard", doc.name), "Approve")
		with acting_as(MA.user):
			doc = apply_workflow(frappe.get_doc("Sales Scorecard", doc.name), "Approve")
		doc.reload()
		self.assertEqual(
			(doc.status, doc.docstatus, doc.approved_by, doc.manager_reviewed_by),
			("Approved", 1, MA.user, PEOPLE["Wang"].user),
		)
		self.assertEqual(doc.salesperson_comment, "Two new customers, collection still slow.")

		# frozen: a later invoice changes nothing, and it cannot be recomputed
		make_invoice(
			f"{PREFIX} LATE",
			"Sun A",
			"2025-03-28",
			"2025-03-31",
			[(MOTOR, 4, 1000)],
			[(SUN, 100)],
			self.company,
		)
		with self.assertRaisesRegex(frappe.ValidationError, "frozen"):
			recompute(doc.name)
		summary = generate(self.template, self.company, "2025-03-10", today=TODAY)
		self.assertIn(
			{"sales_person": SUN.sales_person, "reason": "Approved: its values are frozen"},
			summary["skipped_reasons"],
		)
		doc.reload()
		self.assertEqual((doc.net_sales, doc.total_score), (12000, 78.51))

		# cancelled (never by its salesperson), then made again with the figures of today
		with acting_as(SUN.user), self.assertRaises(frappe.PermissionError):
			frappe.get_doc("Sales Scorecard", doc.name).cancel()
		with acting_as(PEOPLE["Wang"].user):
			apply_workflow(frappe.get_doc("Sales Scorecard", doc.name), "Cancel")
		doc.reload()
		self.assertEqual((doc.docstatus, doc.status, doc.unique_key), (2, "Cancelled", None))
		self.assertEqual(self.new_scorecard().net_sales, 16000)

	def test_steps_out_of_order_and_ones_own(self):
		doc = self.new_scorecard()
		doc.status = "Leadership Approval"
		with self.assertRaisesRegex(frappe.ValidationError, "one step at a time"):
			doc.save()
		wang = frappe.get_doc(
			{
				"doctype": "Sales Scorecard",
				"sales_person": PEOPLE["Wang"].sales_person,
				"template": self.template,
				"company": self.company,
				"period_start": "2025-03-01",
			}
		).insert()
		frappe.db.set_value(
			"Sales Scorecard", wang.name, {"status": "Manager Review", "workflow_state": "Manager Review"}
		)
		with acting_as(PEOPLE["Wang"].user):
			wang = frappe.get_doc("Sales Scorecard", wang.name)
			for row in wang.kpis:
				if row.manager_rated:
					row.rating = 100
			with self.assertRaisesRegex(frappe.PermissionError, "your own scorecard"):
				wang.save()

	def test_recompute_until_the_managers_review(self):
		doc = self.new_scorecard(person=WU)
		self.assertEqual(doc.net_sales, 6000)
		make_invoice(
			f"{PREFIX} WU LATE",
			"Wu B",
			"2025-03-29",
			"2025-03-31",
			[(OTHER, 2, 500)],
			[(WU, 100)],
			self.company,
		)
		recompute(doc.name)
		doc.reload()
		self.assertEqual(doc.net_sales, 7000)
		with acting_as(WU.user), self.assertRaises(frappe.PermissionError):
			recompute(doc.name)

	def test_bad_input_is_refused_with_nothing_written(self):
		before = frappe.db.count("Sales Scorecard")
		with self.assertRaisesRegex(frappe.ValidationError, "No fiscal year"):
			self.new_scorecard(day="1990-06-01")
		nobody = get_or_make_sales_person(f"{PREFIX} Nobody", EAST)
		with self.assertRaisesRegex(frappe.ValidationError, "no Employee with a User"):
			frappe.get_doc(
				{
					"doctype": "Sales Scorecard",
					"sales_person": nobody,
					"template": self.template,
					"company": self.company,
					"period_start": "2025-03-01",
				}
			).insert()
		with self.assertRaisesRegex(frappe.ValidationError, "is a team"):
			frappe.get_doc(
				{
					"doctype": "Sales Scorecard",
					"sales_person": EAST,
					"template": self.template,
					"company": self.company,
					"period_start": "2025-03-01",
				}
			).insert()
		self.new_scorecard()
		with self.assertRaisesRegex(frappe.DuplicateEntryError, "already has scorecard"):
			self.new_scorecard(day="2025-03-31")
		self.assertEqual(frappe.db.count("Sales Scorecard"), before + 1)

		doc = frappe.get_last_doc("Sales Scorecard", {"sales_person": SUN.sales_person})
		doc.kpis[0].value = 99
		with self.assertRaisesRegex(frappe.ValidationError, "not edited by hand"):
			doc.save()
		doc.reload()
		doc.total_score = 100
		with self.assertRaisesRegex(frappe.ValidationError, "not edited by hand"):
			doc.save()
		doc.reload()
		doc.kpis[-1].rating = 50  # the manager rates in the manager's review only
		for row in doc.kpis:
			if row.manager_rated:
				row.rating = 50
		with self.assertRaisesRegex(frappe.ValidationError, "manager's review"):
			doc.save()
		with self.assertRaises(frappe.ValidationError):
			doc.reload()
			doc.submit()  # only leadership's approval submits it

	@change_settings("Sales Dept Settings", {"enable_scorecards": 0})
	def test_switched_off_no_scorecard_is_made(self):
		with self.assertRaisesRegex(frappe.ValidationError, "switched off"):
			self.new_scorecard()
		with acting_as(PEOPLE["Wang"].user), self.assertRaisesRegex(frappe.ValidationError, "switched off"):
			generate_scorecards(self.template, self.company, "2025-03-10")

	def test_a_seeded_template_of_before_gets_collection_completion(self):
		from sales_dept.setup.scorecards import TEMPLATE_NAME, add_collection_completion

		template = frappe.get_doc("Scorecard Template", TEMPLATE_NAME)
		template.set("kpis", [row for row in template.kpis if row.kpi != scoring.COLLECTION_COMPLETION])
		next(row for row in template.kpis if row.kpi == scoring.COLLECTION_RATE).weight = 20
		template.save()  # as seeded before collection targets
		self.assertTrue(add_collection_completion())
		rows = [(row.kpi, row.weight) for row in frappe.get_doc("Scorecard Template", TEMPLATE_NAME).kpis]
		self.assertEqual(rows[1:3], [(scoring.COLLECTION_COMPLETION, 15), (scoring.COLLECTION_RATE, 5)])
		self.assertFalse(add_collection_completion())  # once
		template = frappe.get_doc("Scorecard Template", TEMPLATE_NAME)
		template.set("kpis", [row for row in template.kpis if row.kpi != scoring.COLLECTION_COMPLETION])
		next(row for row in template.kpis if row.kpi == scoring.COLLECTION_RATE).weight = 15
		next(row for row in template.kpis if row.kpi == scoring.TARGET_COMPLETION).weight = 40
		template.save()  # an admin's own weights
		self.assertFalse(add_collection_completion())

	def test_template_checks(self):
		from sales_dept.setup.scorecards import SCORECARD_TEMPLATE

		def template(**changes):
			return frappe.get_doc(
				{
					"doctype": "Scorecard Template",
					**SCORECARD_TEMPLATE,
					"template_name": f"{PREFIX} Bad",
					**changes,
				}
			)

		kpis = [dict(row) for row in SCORECARD_TEMPLATE["kpis"]]
		kpis[0]["weight"] = 40
		with self.assertRaisesRegex(frappe.ValidationError, "total 105, not 100"):
			template(kpis=kpis).insert()
		overlapping = [dict(row) for row in SCORECARD_TEMPLATE["grades"]]
		overlapping[1]["to_score"] = 95
		with self.assertRaisesRegex(frappe.ValidationError, "overlaps"):
			template(grades=overlapping).insert()
		gapped = [dict(row) for row in SCORECARD_TEMPLATE["grades"]]
		gapped[2]["to_score"] = 70
		with self.assertRaisesRegex(frappe.ValidationError, "gap below grade B"):
			template(grades=gapped).insert()
		self.assertFalse(frappe.db.exists("Scorecard Template", f"{PREFIX} Bad"))


class TestScorecardAsShown(ScorecardTestCase):
	"""What a salesperson and a manager see on the card, in the bell and in the print."""

	def rows(self, doc) -> dict:
		return {row.kpi: row for row in doc.kpis}

	def test_visit_execution_and_collection_show_their_real_targets(self):
		doc = self.new_scorecard()
		rows = self.rows(doc)
		# the plan's 4 visits, 3 done as planned; the row's target: the band that earns the full weight
		self.assertEqual((doc.planned_visits, doc.visits_done_as_planned), (4, 3))
		self.assertEqual(
			(rows[scoring.VISIT_EXECUTION].target, rows[scoring.VISIT_EXECUTION].value), (95, 75)
		)
		self.assertEqual(rows[scoring.COMPLAINTS].target, 0)  # at most no complaint
		self.assertEqual(rows[scoring.FIRST_RESPONSE_HOURS].target, 4)
		self.assertEqual((doc.collection_target, doc.paid_amount, doc.due_amount), (10000, 8500, 11000))
		self.assertEqual(
			(rows[scoring.COLLECTION_COMPLETION].target, rows[scoring.COLLECTION_COMPLETION].value), (100, 85)
		)
		self.assertLessEqual(rows[scoring.COLLECTION_RATE].value, 100)
		wu = self.new_scorecard(person=WU)
		self.assertEqual((wu.planned_visits, wu.collection_target), (0, 0))
		self.assertEqual(self.rows(wu)[scoring.COLLECTION_COMPLETION].note, "Nothing to measure: left out")

	def test_the_approval_tells_the_salesperson_once_in_their_words(self):
		doc = self.new_scorecard()
		frappe.db.set_value(
			"Sales Scorecard",
			doc.name,
			{"status": "Leadership Approval", "workflow_state": "Leadership Approval"},
		)
		frappe.db.set_value("User", SUN.user, "language", "zh")
		frappe.clear_cache(user=SUN.user)
		try:
			with acting_as(MA.user):
				apply_workflow(frappe.get_doc("Sales Scorecard", doc.name), "Approve")
		finally:
			frappe.db.set_value("User", SUN.user, "language", None)
			frappe.clear_cache(user=SUN.user)
		told = frappe.get_all(
			"Notification Log",
			{"for_user": SUN.user, "document_type": "Sales Scorecard", "document_name": doc.name},
			pluck="subject",
		)
		self.assertEqual(told, ["您 2025-03 的评分卡已批准：B 级"])

	def test_the_print_names_people_and_hides_internal_keys(self):
		doc = self.new_scorecard()
		frappe.db.set_value(
			"Sales Scorecard", doc.name, {"approved_by": MA.user, "manager_reviewed_by": PEOPLE["Wang"].user}
		)
		html = frappe.get_print("Sales Scorecard", doc.name, print_format="Standard")
		self.assertIn("SD Sun", html)  # the salesperson's name
		self.assertNotIn(doc.unique_key, html)
		self.assertNotIn("Unique Key", html)
		for user in (SUN.user, MA.user, PEOPLE["Wang"].user):
			self.assertNotIn(user, html)
		self.assertIn("SD Ma", html)
		self.assertIn("SD Wang", html)

	def test_the_seeded_template_is_shown_in_the_readers_language(self):
		from frappe.translate import print_language

		from sales_dept.setup.scorecards import TEMPLATE_NAME

		self.assertTrue(frappe.db.exists("Scorecard Template", TEMPLATE_NAME))
		frappe.db.set_value("Scorecard Template", TEMPLATE_NAME, "enabled", 1)
		doc = self.new_scorecard(template=TEMPLATE_NAME)
		with print_language("zh"):
			html = frappe.get_print("Sales Scorecard", doc.name, print_format="Standard")
		self.assertIn("月度销售评分卡", html)
		self.assertNotIn(TEMPLATE_NAME, html)


class TestScorecardTexts(ScorecardTestCase):
	"""A scorecard's reward suggestion and notes: stored in source words whoever computed them (the job in the
	site's language, the desk in the user's), shown in the reader's language on the form, its timeline, its
	print and the ranking report; stored translations of before get their source words back."""

	SOURCE_NOTES = {
		scoring.ATTENDANCE: "Waiting for the manager's rating",
		scoring.SALES_GROWTH: "For information",
	}
	CHINESE_NOTES = {scoring.ATTENDANCE: "等待经理评分", scoring.SALES_GROWTH: "仅供参考"}

	def notes(self, doc) -> dict:
		return {row.kpi: row.note for row in doc.kpis if row.kpi in self.SOURCE_NOTES}

	def test_stored_in_source_words_when_computed_in_chinese(self):
		with print_language("zh"):
			doc = self.new_scorecard()
			wu = self.new_scorecard(person=WU)
		self.assertEqual(doc.reward_suggestion, "Bonus of 10 % of base pay")
		self.assertEqual(self.notes(doc), self.SOURCE_NOTES)
		notes = {row.kpi: row.note for row in wu.kpis}
		self.assertEqual(notes[scoring.COLLECTION_COMPLETION], "Nothing to measure: left out")

	def test_shown_in_the_readers_language(self):
		doc = self.new_scorecard()
		frappe.db.set_value("Sales Scorecard", doc.name, "reward_suggestion", "No reward")
		doc.reload()
		with print_language("zh"):
			run_onload(doc)
			html = frappe.get_print("Sales Scorecard", doc.name, print_format="Standard")
			columns, rows, *_rest = scorecard_ranking.execute(
				{"company": self.company, "template": self.template, "date": "2025-03-10"}
			)
		self.assertEqual(doc.get_onload().sd_shown_values, {"reward_suggestion": {"No reward": "无奖励"}})
		for shown in ("无奖励", *self.CHINESE_NOTES.values()):
			self.assertIn(shown, html)
		for source in ("No reward", *self.SOURCE_NOTES.values()):
			self.assertNotIn(source, html)
		self.assertEqual(
			{row["sales_person"]: row["reward_suggestion"] for row in rows}[SUN.sales_person], "无奖励"
		)

	def test_the_versions_rewards_are_shown_too(self):
		doc = self.new_scorecard()
		frappe.get_doc(
			{
				"doctype": "Version",
				"ref_doctype": doc.doctype,
				"docname": doc.name,
				"data": frappe.as_json(
					{"changed": [["reward_suggestion", "No reward", doc.reward_suggestion]]}
				),
			}
		).insert(ignore_permissions=True)
		with print_language("zh"):
			run_onload(doc)
		self.assertEqual(
			doc.get_onload().sd_shown_values["reward_suggestion"],
			{"No reward": "无奖励", "Bonus of 10 % of base pay": "奖金：基本工资的 10 %"},
		)

	def test_stored_translations_get_their_source_words_back(self):
		doc = self.new_scorecard()
		frappe.db.set_value("Sales Scorecard", doc.name, "reward_suggestion", "奖金：基本工资的 10 %; 加薪")
		for row in doc.kpis:
			if row.kpi in self.CHINESE_NOTES:
				row.db_set("note", self.CHINESE_NOTES[row.kpi])
		self.assertGreaterEqual(store_texts_in_source_words(), 3)
		doc.reload()
		self.assertEqual(doc.reward_suggestion, "Bonus of 10 % of base pay; Raise")
		self.assertEqual(self.notes(doc), self.SOURCE_NOTES)
		self.assertEqual(store_texts_in_source_words(), 0)


class TestGenerateScorecards(ScorecardTestCase):
	def test_the_batch_makes_updates_and_skips(self):
		nobody = get_or_make_sales_person(f"{PREFIX} Nobody", EAST)  # no Employee, so no User
		summary = generate(self.template, self.company, "2025-03-10", today=TODAY)
		made = frappe.get_all(
			"Sales Scorecard",
			{"template": self.template, "period_start": "2025-03-01"},
			["name", "sales_person", "total_score", "grade", "status", "workflow_state"],
		)
		by_person = {row.sales_person: row for row in made}
		self.assertEqual(summary["made"], len(made))
		self.assertEqual(
			(by_person[SUN.sales_person].total_score, by_person[SUN.sales_person].grade), (76.68, "B")
		)
		# Wu: no collection target, so completion is left out: (35 * 100 % + 5 * 20 % + 10 * 70 %) * 100 / 50
		self.assertEqual(
			(by_person[WU.sales_person].total_score, by_person[WU.sales_person].grade), (86.0, "B")
		)
		self.assertEqual({(row.status, row.workflow_state) for row in made}, {("Draft", "Draft")})
		sun = frappe.get_doc("Sales Scorecard", by_person[SUN.sales_person].name)
		self.assertEqual(
			{kpi: value for kpi, value in self.values_of(sun).items() if kpi in EXPECTED},
			{kpi: e[0] for kpi, e in EXPECTED.items()},
		)
		skipped = {row["sales_person"]: row["reason"] for row in summary["skipped_reasons"]}
		self.assertEqual(skipped[nobody], "no Employee with a User")
		self.assertNotIn(nobody, by_person)

		# twice: nothing changed, nothing made
		again = generate(self.template, self.company, "2025-03-10", today=TODAY)
		self.assertEqual((again["made"], again["updated"]), (0, 0))
		self.assertEqual(
			dict((r["sales_person"], r["reason"]) for r in again["skipped_reasons"])[SUN.sales_person],
			"up to date",
		)

		# a new invoice of Wu's: his scorecard is updated, the manager's ratings kept
		wu = frappe.get_doc("Sales Scorecard", by_person[WU.sales_person].name)
		frappe.db.set_value(
			"Sales Scorecard KPI", {"parent": wu.name, "kpi": scoring.ATTENDANCE}, "rating", 80
		)
		make_invoice(
			f"{PREFIX} WU MORE",
			"Wu B",
			"2025-03-30",
			"2025-03-31",
			[(OTHER, 4, 500)],
			[(WU, 100)],
			self.company,
		)
		third = generate(self.template, self.company, "2025-03-10", today=TODAY)
		self.assertEqual((third["made"], third["updated"]), (0, 1))
		wu.reload()
		self.assertEqual(wu.net_sales, 8000)
		self.assertEqual(
			{row.kpi: row.rating for row in wu.kpis if row.manager_rated},
			{scoring.ATTENDANCE: "80", scoring.SERVICE_ATTITUDE: None},
		)

	def test_query_count_is_the_same_for_a_team_and_for_everyone(self):
		team_template = frappe.copy_doc(frappe.get_doc("Scorecard Template", self.template))
		team_template.template_name = f"{PREFIX} East"
		team_template.team = EAST
		team_template.insert()
		counts = {}
		for name in (team_template.name, self.template):
			with CountQueries() as queries:
				summary = generate(name, self.company, "2025-03-10", today=TODAY)
			counts[name] = (queries.count, summary["made"])
		(team_count, team_made), (all_count, all_made) = counts[team_template.name], counts[self.template]
		self.assertLess(team_made, all_made)
		self.assertEqual(team_count, all_count)

	def test_only_the_manager_generates(self):
		with acting_as(SUN.user), self.assertRaises(frappe.PermissionError):
			generate_scorecards(self.template, self.company, "2025-03-10")
		with acting_as(PEOPLE["Wang"].user), patch.object(frappe.db, "commit"):  # the job commits its work
			result = generate_scorecards(self.template, self.company, "2025-03-10")
		self.assertTrue(result["queued"])
		self.assertTrue(
			frappe.db.exists("Sales Scorecard", {"template": self.template, "sales_person": SUN.sales_person})
		)

	def test_waiting_for_me(self):
		generate(self.template, self.company, "2025-03-10", today=TODAY)
		sun = frappe.get_value(
			"Sales Scorecard", {"template": self.template, "sales_person": SUN.sales_person}
		)
		with acting_as(PEOPLE["Li"].user):
			self.assertIn(sun, waiting_for())  # Li releases his team's drafts
		with acting_as(SUN.user):
			self.assertEqual(waiting_for(), [])
		frappe.db.set_value(
			"Sales Scorecard", sun, {"status": "Self Review", "workflow_state": "Self Review"}
		)
		with acting_as(SUN.user):
			card = scorecards_waiting_for_me()
		self.assertEqual((card["value"], card["route_options"]), (1, {"name": ["in", [sun]]}))
