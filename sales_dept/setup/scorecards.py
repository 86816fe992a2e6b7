"""What scorecards start with, seeded once (insert if missing; admins edit them and keep their edits): one
monthly Scorecard Template, and the "Sales Scorecard Review" workflow (rulebook R2, R32-R35, R40).

The workflow: Draft → Self Review → Manager Review → Leadership Approval → Approved (submitted), a step back
from the manager's review to the self review and from leadership to the manager, and Cancelled. Each state sets
the scorecard's `status`, which the controller reads: admins may rename states and actions or add roles, and the
controller still checks, on entering a status, who may (`rules.scoring.step_problem`)."""

from pathlib import Path

import frappe

from sales_dept.rules import scorecard_text, scoring
from sales_dept.services.settings import get_settings
from sales_dept.setup.workflows import APPROVE, RETURN, STATE_FIELD, make_workflow, status_states, transition


def _(text: str) -> str:
	"""Marks a string for translation extraction; stored in English, translated on display."""
	return text


TEMPLATE_NAME = _("Monthly Sales Scorecard")
HONOUR = _("Sales Star of the Month")

LINEAR, BANDS = scoring.LINEAR, scoring.BANDS
SCORECARD_TEMPLATE = {
	"template_name": TEMPLATE_NAME,
	"enabled": 1,
	"period_type": scoring.MONTH,
	"description": _(
		"Task completion, collection against its target and of what was due, new customers, visits, "
		"complaints, satisfaction and the manager's ratings of attendance and attitude (rulebook R21, "
		"R32-R35, R40). Growth, complaint counts and response times are shown for information."
	),
	"kpis": [
		{"kpi": scoring.TARGET_COMPLETION, "weight": 35, "method": LINEAR, "target": 100, "cap_pct": 120},
		{"kpi": scoring.COLLECTION_COMPLETION, "weight": 15, "method": LINEAR, "target": 100, "cap_pct": 120},
		{"kpi": scoring.COLLECTION_RATE, "weight": 5, "method": LINEAR, "target": 100, "cap_pct": 100},
		{"kpi": scoring.NEW_CUSTOMERS, "weight": 10, "method": LINEAR, "target": 2, "cap_pct": 150},
		{"kpi": scoring.VISIT_EXECUTION, "weight": 10, "method": BANDS},
		{"kpi": scoring.VISIT_COVERAGE, "weight": 5, "method": LINEAR, "target": 100, "cap_pct": 100},
		{"kpi": scoring.COMPLAINTS_WITHIN_SLA, "weight": 5, "method": LINEAR, "target": 100, "cap_pct": 100},
		{"kpi": scoring.SATISFACTION, "weight": 5, "method": LINEAR, "target": 5, "cap_pct": 100},
		{"kpi": scoring.ATTENDANCE, "weight": 5, "method": LINEAR, "target": 100, "cap_pct": 100},
		{"kpi": scoring.SERVICE_ATTITUDE, "weight": 5, "method": LINEAR, "target": 100, "cap_pct": 100},
		{"kpi": scoring.SALES_GROWTH, "weight": 0, "method": LINEAR, "target": 15, "cap_pct": 100},
		{"kpi": scoring.COMPLAINTS, "weight": 0, "method": BANDS},
		{"kpi": scoring.FIRST_RESPONSE_HOURS, "weight": 0, "method": BANDS},
	],
	"bands": [
		{"kpi": scoring.VISIT_EXECUTION, "threshold": 95, "score_pct": 100},
		{"kpi": scoring.VISIT_EXECUTION, "threshold": 85, "score_pct": 80},
		{"kpi": scoring.VISIT_EXECUTION, "threshold": 70, "score_pct": 50},
		{"kpi": scoring.COMPLAINTS, "threshold": 0, "score_pct": 100},
		{"kpi": scoring.COMPLAINTS, "threshold": 2, "score_pct": 60},
		{"kpi": scoring.FIRST_RESPONSE_HOURS, "threshold": 4, "score_pct": 100},
		{"kpi": scoring.FIRST_RESPONSE_HOURS, "threshold": 24, "score_pct": 60},
	],
	"grades": [
		{
			"grade": "A",
			"from_score": 90,
			"to_score": 0,
			"bonus_pct": 20,
			"raise_suggested": 1,
			"honour": HONOUR,
		},
		{"grade": "B", "from_score": 75, "to_score": 90, "bonus_pct": 10},
		{"grade": "C", "from_score": 60, "to_score": 75, "bonus_pct": 0},
		{"grade": "D", "from_score": 0, "to_score": 60, "bonus_pct": 0},
	],
	"penalty_points": 5,
	"max_deduction": 20,
}


def add_collection_completion() -> bool:
	"""A patch for sites seeded before collection targets: the seeded template's collection row (20 points on
	the old 回款率) becomes collection completion (回款完成率, 15) and the bounded collection rate (5), as the seed
	now has them. Left alone when an admin changed that row, or the template already scores completion."""
	name = frappe.db.get_value("Scorecard Template", TEMPLATE_NAME)
	if not name:
		return False
	template = frappe.get_doc("Scorecard Template", name)
	kpis = [row.kpi for row in template.kpis]
	rate = next((row for row in template.kpis if row.kpi == scoring.COLLECTION_RATE), None)
	if scoring.COLLECTION_COMPLETION in kpis or not rate:
		return False
	if (rate.weight, rate.method, rate.target, rate.cap_pct) != (20, LINEAR, 100, 100):
		return False
	seeded = {row["kpi"]: row for row in SCORECARD_TEMPLATE["kpis"]}
	rate.weight = seeded[scoring.COLLECTION_RATE]["weight"]
	template.append("kpis", seeded[scoring.COLLECTION_COMPLETION])
	rows = template.kpis
	rows.insert(rows.index(rate), rows.pop())
	for idx, row in enumerate(rows, start=1):
		row.idx = idx
	template.save(ignore_permissions=True)
	return True


def store_texts_in_source_words() -> int:
	"""A patch for scorecards computed before their texts were stored in source words: a KPI row's note or a
	reward suggestion computed in a translation (on the desk in the user's language, by the job in the
	site's) gets its source words back (`rules.scorecard_text`), for each language the app speaks. Returns the
	number of distinct stored texts changed (one update each)."""
	from frappe.translate import get_all_translations

	catalogues = [get_all_translations(language) for language in app_languages()]
	changed = 0
	for table, field, source_of in (
		("Sales Scorecard KPI", "note", scorecard_text.source_note),
		("Sales Scorecard", "reward_suggestion", scorecard_text.source_reward),
	):
		for stored in frappe.get_all(table, filters={field: ["is", "set"]}, pluck=field, distinct=True):
			source = stored
			for catalogue in catalogues:
				source = source_of(source, catalogue)
			if source != stored:
				frappe.db.set_value(table, {field: stored}, field, source, update_modified=False)
				changed += 1
	return changed


def app_languages() -> list[str]:
	"""The languages of the app's catalogues (locale/<language>.po)."""
	return sorted(path.stem for path in Path(frappe.get_app_path("sales_dept", "locale")).glob("*.po"))


def make_scorecard_template() -> str | None:
	"""Seed the monthly template once, on a site that has no scorecard template."""
	if frappe.db.count("Scorecard Template"):
		return None
	frappe.get_doc({"doctype": "Scorecard Template", **SCORECARD_TEMPLATE}).insert(ignore_permissions=True)
	return TEMPLATE_NAME


# The review workflow
# -------------------

SCORECARD_WORKFLOW = _("Sales Scorecard Review")
SCORECARD_DOCTYPE = "Sales Scorecard"
# States, named as the statuses they set.
DRAFT, SELF_REVIEW, MANAGER_REVIEW = _("Draft"), _("Self Review"), _("Manager Review")
LEADERSHIP_APPROVAL, APPROVED, CANCELLED = _("Leadership Approval"), _("Approved"), _("Cancelled")
RELEASE, HAND_IN = _("Release for Self Review"), _("Submit Self Review")
TO_LEADERSHIP, CANCEL = _("Send to Leadership"), _("Cancel")
STATE_STYLES = {
	DRAFT: "",
	SELF_REVIEW: "Primary",
	MANAGER_REVIEW: "Warning",
	LEADERSHIP_APPROVAL: "Warning",
	APPROVED: "Success",
	CANCELLED: "Inverse",
}
ACTIONS = (RELEASE, HAND_IN, TO_LEADERSHIP, APPROVE, RETURN, CANCEL)


def scorecard_workflow(settings=None) -> dict:
	"""The workflow as a document dict, with the roles of the settings. Every transition allows "self approval"
	(a scorecard's owner is whoever generated it, not its salesperson): the controller refuses one's own."""
	settings = settings or get_settings()
	salesperson, leader = settings.salesperson_role, settings.team_leader_role
	manager, leadership = settings.sales_manager_role, settings.leadership_role
	releasers = [role for role in dict.fromkeys((leader, manager, leadership)) if role]
	deciders = [role for role in dict.fromkeys((manager, leadership)) if role]

	states = status_states(DRAFT, 0, releasers, DRAFT)
	states += status_states(SELF_REVIEW, 0, [salesperson], SELF_REVIEW)
	states += status_states(MANAGER_REVIEW, 0, deciders, MANAGER_REVIEW)
	states += status_states(LEADERSHIP_APPROVAL, 0, [leadership], LEADERSHIP_APPROVAL)
	states += status_states(APPROVED, 1, deciders, APPROVED)
	states += status_states(CANCELLED, 2, deciders, CANCELLED)

	transitions = [transition(DRAFT, RELEASE, SELF_REVIEW, role, None, 1) for role in releasers]
	transitions.append(transition(SELF_REVIEW, HAND_IN, MANAGER_REVIEW, salesperson, None, 1))
	for role in deciders:
		transitions += [
			transition(MANAGER_REVIEW, TO_LEADERSHIP, LEADERSHIP_APPROVAL, role, None, 1),
			transition(MANAGER_REVIEW, RETURN, SELF_REVIEW, role, None, 1),
			transition(APPROVED, CANCEL, CANCELLED, role, None, 1),
		]
	transitions += [
		transition(LEADERSHIP_APPROVAL, APPROVE, APPROVED, leadership, None, 1),
		transition(LEADERSHIP_APPROVAL, RETURN, MANAGER_REVIEW, leadership, None, 1),
	]
	return {
		"doctype": "Workflow",
		"workflow_name": SCORECARD_WORKFLOW,
		"document_type": SCORECARD_DOCTYPE,
		"is_active": 1,
		"send_email_alert": 0,
		"workflow_state_field": STATE_FIELD,
		"states": states,
		"transitions": transitions,
	}


def make_scorecard_workflow() -> str:
	"""Insert the "Sales Scorecard Review" workflow unless it exists."""
	make_workflow(scorecard_workflow(), STATE_STYLES, ACTIONS)
	return SCORECARD_WORKFLOW


# Indexes on ERPNext's tables that the scorecards and Sales Target Achievement read from alone (one month of
# sales, payments due, first invoices), so that they stay quick when the tables outgrow the database's cache.
# Created at install and by a patch (add_index skips one that exists), dropped at uninstall.
INDEXES = (
	("Sales Invoice", ("company", "posting_date", "docstatus", "is_return", "customer")),
	("Sales Invoice", ("customer", "company", "docstatus", "is_return", "posting_date")),
	("Sales Invoice", ("company", "due_date", "docstatus")),
	("Sales Invoice Item", ("parent", "parenttype", "item_group", "base_net_amount")),
	("Sales Order", ("company", "transaction_date", "docstatus")),
	("Sales Order Item", ("parent", "parenttype", "item_group", "base_net_amount")),
	("Sales Team", ("parent", "parenttype", "sales_person", "allocated_percentage")),
	# the collection figures sum the ledger per invoice from this index alone
	# (scorecard_figures.collection_by_invoice); named, as the fields' names joined are too long a name
	(
		"Payment Ledger Entry",
		(
			"company",
			"against_voucher_type",
			"delinked",
			"against_voucher_no",
			"posting_date",
			"voucher_type",
			"voucher_no",
			"due_date",
			"amount",
		),
		"sd_ledger_per_invoice",
	),
)


def make_indexes() -> list[str]:
	"""The indexes of INDEXES that are missing; returns those created."""
	created = []
	for doctype, fields, *named in INDEXES:
		name = named[0] if named else frappe.db.get_index_name(list(fields))
		if not frappe.db.has_index(f"tab{doctype}", name):
			frappe.db.add_index(doctype, list(fields), name)
			created.append(f"{doctype} {name}")
	return created


def drop_indexes():
	"""before_uninstall: the indexes of INDEXES go with the app."""
	for doctype, fields, *named in INDEXES:
		name = named[0] if named else frappe.db.get_index_name(list(fields))
		if frappe.db.has_index(f"tab{doctype}", name):
			frappe.db.sql_ddl(f"ALTER TABLE `tab{doctype}` DROP INDEX `{name}`")


def make_scorecard_records():
	"""after_install and a patch: the template, the workflow and the indexes, each unless it exists."""
	make_scorecard_template()
	make_scorecard_workflow()
	make_indexes()
