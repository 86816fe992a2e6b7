# Copyright (c) 2026, sales_dept developers
# For license information, please see license.txt

"""The sales department rulebook (R1-R40) as it is in force: every article with its text, the control of the
app that enforces it (and where), whether that happens automatically, its penalty ladder, and how many
violations of it were decided in the last 30, 90 and 365 days.

Texts and ladders are those of each rule's approved version (R14): a revision waiting for leadership is
flagged, not shown. The violation counts are standing penalties (approved, acknowledged, upheld) that the
viewer may see (R11): everyone's for the manager, leadership and HR, the team's for a team leader, one's own
for a salesperson. One query for the rules and their versions, one for the counts."""

import frappe
from frappe import _
from frappe.query_builder import Case, DocType
from frappe.query_builder.functions import Sum
from frappe.utils import add_days, getdate

from sales_dept.compat import desk_path
from sales_dept.rules.conduct import NOT_IN_FORCE, PENDING, STANDING
from sales_dept.services.conduct import (
	CAPABILITY_KEYS,
	PENALTY,
	RULE,
	reads_chinese,
	rule_title,
	summary_of,
	versions_in_force,
	viewer_of,
	visible_condition,
)
from sales_dept.services.settings import SETTINGS_DOCTYPE, switched_on

WINDOWS = (30, 90, 365)


@frappe.read_only()
def execute(filters=None):
	filters = frappe._dict(filters or {})
	rules = get_rules(filters)
	counts = violation_counts(getdate(filters.as_on or None))
	rows = [rule_row(rule, counts.get(rule.name, {})) for rule in rules]
	return get_columns(), rows, None, None, get_summary(rows)


def get_rules(filters) -> list:
	query_filters = {}
	if filters.category:
		query_filters["category"] = filters.category
	if filters.breakable_only:
		query_filters["breakable"] = 1
	rules = frappe.get_all(
		RULE,
		filters=query_filters,
		fields=[
			"name",
			"version_status",
			"pending_version",
			"control",
			"control_kinds",
			"enforced_automatically",
			"capability",
			"control_doctype",
			"control_report",
			"control_setting",
			"detection",
			"article",
			"title",
			"title_zh",
			"category",
			"text_zh",
			"text_en",
			"enabled",
		],
	)
	in_force = versions_in_force([rule.name for rule in rules])
	for rule in rules:
		version = in_force.get(rule.name)
		rule.version = version
		if version:  # the rulebook as approved, not the working copy
			rule.update(
				{
					field: version.content.get(field)
					for field in ("article", "title", "title_zh", "category", "text_zh", "text_en", "enabled")
				}
			)
	return sorted(rules, key=lambda rule: rule_order(rule.name))


def rule_order(name: str) -> tuple:
	"""R2 before R10; other ids after, by name."""
	number = name[1:] if name[:1].upper() == "R" else ""
	return (0, int(number), "") if number.isdigit() else (1, 0, name)


def violation_counts(today) -> dict[str, dict[int, int]]:
	"""{rule: {days: standing penalties with an incident in the last `days` days}} the viewer may see."""
	record = DocType(PENALTY)
	sums = [
		Sum(Case().when(record.incident_date >= add_days(today, 1 - days), 1).else_(0)).as_(f"last_{days}")
		for days in WINDOWS
	]
	query = (
		frappe.qb.from_(record)
		.select(record.conduct_rule, *sums)
		.where(
			record.status.isin(list(STANDING))
			& (record.docstatus == 1)
			& (record.incident_date >= add_days(today, 1 - max(WINDOWS)))
			& (record.incident_date <= today)
		)
		.groupby(record.conduct_rule)
	)
	condition = visible_condition(record, PENALTY, viewer_of())
	if condition is not None:
		query = query.where(condition)
	return {row[0]: dict(zip(WINDOWS, (int(v or 0) for v in row[1:]), strict=True)) for row in query.run()}


def enforcement(rule) -> str:
	if not rule.enforced_automatically:
		return _("Not Automatically")
	capability = CAPABILITY_KEYS.get(rule.capability or "")
	if capability and not switched_on(capability):
		return _("Switched Off")
	return _("Automatically")


def control_target(rule) -> tuple[str | None, str | None]:
	"""(what to show, where it leads) of the place in the app that enforces the rule; it leads nowhere for a
	reader who may not open it (a salesperson and ERPNext's Accounts Receivable, say)."""
	if rule.control_doctype:
		return _(rule.control_doctype), (
			desk_path(frappe.scrub(rule.control_doctype).replace("_", "-"))
			if frappe.has_permission(rule.control_doctype, "read")
			else None
		)
	if rule.control_report:
		return _(rule.control_report), (
			desk_path("query-report", rule.control_report)
			if frappe.get_cached_doc("Report", rule.control_report).is_permitted()
			else None
		)
	if rule.control_setting:
		label = frappe.get_meta(SETTINGS_DOCTYPE).get_label(rule.control_setting)
		return f"{_(SETTINGS_DOCTYPE)}: {_(label)}", (
			desk_path("sales-dept-settings") if frappe.has_permission(SETTINGS_DOCTYPE, "read") else None
		)
	return None, None


def ladder_text(rule) -> str:
	if not rule.version or not rule.version.content.get("breakable"):
		return ""
	terms = rule.version.terms
	steps = "; ".join(
		f"{step.offence}: {summary_of(step.action, step.fine, step.suspension_days)}" for step in terms.ladder
	)
	return _("{0} (within {1} days)").format(steps, terms.window_days) if steps else ""


def version_text(rule) -> str:
	number = rule.version.version_no if rule.version else None
	if rule.version_status == NOT_IN_FORCE or not number:
		return _("Not in force: waits for leadership")
	if rule.version_status == PENDING:
		return _("Version {0}; a revision waits for leadership").format(number)
	return _("Version {0}").format(number)


def rule_row(rule, counts: dict[int, int]) -> dict:
	enforced_in, url = control_target(rule)
	return {
		"rule": rule.name,
		"article": rule.article,
		"title": rule_title(rule),
		"category": _(rule.category or ""),
		"text": rule.text_zh,
		"gist": "" if reads_chinese() else rule.text_en,
		"control": _(rule.control or ""),
		"control_kinds": rule.control_kinds,
		"enforcement": enforcement(rule),
		"enforced_in": enforced_in,
		"control_url": url,
		"detection": _(rule.detection) if rule.detection else "",
		"ladder": ladder_text(rule),
		"version": version_text(rule),
		"enabled": 1 if rule.enabled else 0,
		**{f"last_{days}": counts.get(days, 0) for days in WINDOWS},
	}


def get_columns() -> list[dict]:
	columns = [
		{"label": _("Rule"), "fieldname": "rule", "fieldtype": "Link", "options": RULE, "width": 70},
		{"label": _("Article"), "fieldname": "article", "fieldtype": "Data", "width": 110},
		{"label": _("Title"), "fieldname": "title", "fieldtype": "Data", "width": 240},
		{"label": _("Category"), "fieldname": "category", "fieldtype": "Data", "width": 100},
		{"label": _("Text"), "fieldname": "text", "fieldtype": "Data", "width": 300},
		*gist_column(),
		{"label": _("Control"), "fieldname": "control", "fieldtype": "Data", "width": 300},
		{"label": _("Kinds of Control"), "fieldname": "control_kinds", "fieldtype": "Data", "width": 80},
		{"label": _("Enforced"), "fieldname": "enforcement", "fieldtype": "Data", "width": 110},
		{"label": _("Enforced In"), "fieldname": "enforced_in", "fieldtype": "Data", "width": 180},
		{"label": _("Link"), "fieldname": "control_url", "fieldtype": "Data", "hidden": 1},
		{"label": _("Automatic Detection"), "fieldname": "detection", "fieldtype": "Data", "width": 160},
		{"label": _("Penalty Ladder"), "fieldname": "ladder", "fieldtype": "Data", "width": 300},
		{"label": _("Version"), "fieldname": "version", "fieldtype": "Data", "width": 150},
		{"label": _("Enabled"), "fieldname": "enabled", "fieldtype": "Check", "width": 70},
	]
	columns += [
		{
			"label": _("Violations ({0} Days)").format(days),
			"fieldname": f"last_{days}",
			"fieldtype": "Int",
			"width": 110,
		}
		for days in WINDOWS
	]
	return columns


def gist_column() -> list[dict]:
	"""The English gist of each rule, beside the rulebook's Chinese text for a reader who is not Chinese; a
	Chinese reader reads the rulebook's own words, in Chinese only."""
	if reads_chinese():
		return []
	return [{"label": _("Gist (English)"), "fieldname": "gist", "fieldtype": "Data", "width": 220}]


def get_summary(rows: list[dict]) -> list[dict]:
	automatic = sum(1 for row in rows if row["enforcement"] == _("Automatically"))
	return [
		{"label": _("Rules"), "value": len(rows), "datatype": "Int"},
		{"label": _("Enforced Automatically"), "value": automatic, "datatype": "Int", "indicator": "Green"},
		{
			"label": _("Violations (365 Days)"),
			"value": sum(row["last_365"] for row in rows),
			"datatype": "Int",
			"indicator": "Red",
		},
	]
