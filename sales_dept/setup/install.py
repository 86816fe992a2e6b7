"""Install, migrate and uninstall steps. One set of definitions drives all three."""

import json
from pathlib import Path

import click
import frappe
from frappe.custom.doctype.custom_field.custom_field import create_custom_fields
from frappe.query_builder import Field

from sales_dept.services.settings import SETTINGS_DOCTYPE
from sales_dept.setup.custom_fields import MODULE, custom_fields_by_doctype
from sales_dept.setup.defaults import BID_REVIEW_KINDS, CUSTOMER_TIERS, MEETING_TIME, ROLES
from sales_dept.setup.doctype_settings import make_doctype_settings
from sales_dept.setup.scorecards import drop_indexes as drop_scorecard_indexes
from sales_dept.setup.scorecards import make_scorecard_records
from sales_dept.setup.workflows import (
	make_bid_review_workflow,
	make_conduct_workflows,
	make_price_exception_workflow,
	make_visit_plan_workflow,
)

BUG_REPORT_HINT = "Please report this with the output above to the sales_dept maintainers."


def after_install():
	try:
		make_roles()
		make_customer_tiers()
		apply_custom_fields()
		frappe.db.set_single_value(SETTINGS_DOCTYPE, "meeting_time", MEETING_TIME)
		set_missing_setting_defaults()
		make_visit_plan_workflow()
		make_price_exception_workflow()
		make_bid_review_kinds()
		make_bid_review_workflow()
		make_conduct_rules()
		make_conduct_workflows()
		make_scorecard_records()
		name_currency_fractions()
		make_doctype_settings()
	except Exception:
		click.secho("Installing sales_dept failed. " + BUG_REPORT_HINT, fg="bright_red")
		raise


def after_migrate():
	set_missing_setting_defaults()
	name_currency_fractions()
	refresh_rule_controls()


# The fraction of a currency our companies use, where Frappe's own record leaves it unnamed. ERPNext writes a
# document's amount in words with it: Frappe 15 falls back to "Cent", Frappe 16 fails on every amount with
# cents (a quotation of ¥1,234.50 cannot be saved).
CURRENCY_FRACTIONS = {"CNY": "Fen"}


def name_currency_fractions():
	"""Names the fraction of each currency in CURRENCY_FRACTIONS that has none (a name set is never changed)."""
	for currency, fraction in CURRENCY_FRACTIONS.items():
		if frappe.db.exists("Currency", currency) and not frappe.db.get_value(
			"Currency", currency, "fraction"
		):
			frappe.db.set_value("Currency", currency, "fraction", fraction)


def set_missing_setting_defaults():
	"""Every setting without a stored value gets its declared default: on a site installed before the
	setting existed, the first save of the settings would otherwise store 0 or empty for it
	(after_install and after_migrate; a stored value is never changed)."""
	stored = set(
		frappe.qb.from_("Singles").select("field").where(Field("doctype") == SETTINGS_DOCTYPE).run(pluck=True)
	)
	for field in frappe.get_meta(SETTINGS_DOCTYPE).fields:
		if field.default not in (None, "") and field.fieldname not in stored:
			frappe.db.set_single_value(SETTINGS_DOCTYPE, field.fieldname, field.default)


def make_roles():
	for role in ROLES:
		if not frappe.db.exists("Role", role["role_name"]):
			frappe.get_doc({"doctype": "Role", **role}).insert(ignore_permissions=True)


def make_customer_tiers():
	"""Seed the default tiers once, on a site that has none. Tiers are the admin's from then on: one they
	renamed, deleted or replaced is not inserted again (an "Other Customers" inserted next to their own
	zero-threshold tier would also be refused, and with it the whole migrate)."""
	if frappe.db.count("Customer Tier"):
		return
	for tier in CUSTOMER_TIERS:
		frappe.get_doc({"doctype": "Customer Tier", **tier}).insert(ignore_permissions=True)


def make_bid_review_kinds():
	"""Seed the technical and purchasing reviews once, on a site that has no review kind; the roles come from
	the settings. Admins add, rename or switch off kinds from then on."""
	if frappe.db.count("Bid Review Kind"):
		return
	settings = frappe.get_cached_doc(SETTINGS_DOCTYPE)
	for kind in BID_REVIEW_KINDS:
		fields = {key: value for key, value in kind.items() if key != "role_setting"}
		frappe.get_doc(
			{"doctype": "Bid Review Kind", **fields, "role": settings.get(kind["role_setting"])}
		).insert(ignore_permissions=True)


def make_conduct_rules():
	"""Seed the rulebook's articles (R1-R40) as Conduct Rules, each one unless a rule of its id exists, with
	version 1 in force (the rulebook as issued). Admins revise them from then on, leadership approving each
	revision; a migrate never overwrites them."""
	from sales_dept.setup.conduct_rules import CONDUCT_RULES

	for values in CONDUCT_RULES:
		if frappe.db.exists("Conduct Rule", values["rule_code"]):
			continue
		rule = frappe.get_doc({"doctype": "Conduct Rule", **values})
		rule.flags.sd_seed = True
		rule.insert(ignore_permissions=True)


def refresh_rule_controls():
	"""The seeded rules' controls (how the app enforces each rule, not the rulebook's text) brought up to date
	where they still say what an earlier release seeded (setup.conduct_rules.EARLIER_CONTROLS); a control an
	admin rewrote is kept. after_migrate; one query to read, one update per rule brought up to date."""
	from sales_dept.setup.conduct_rules import CONDUCT_RULES, CONTROL_FIELDS, EARLIER_CONTROLS

	stored = dict(
		frappe.get_all(
			"Conduct Rule",
			filters={"name": ["in", list(EARLIER_CONTROLS)]},
			fields=["name", "control"],
			as_list=True,
		)
	)
	for values in CONDUCT_RULES:
		code = values["rule_code"]
		if code in stored and stored[code] == EARLIER_CONTROLS.get(code):
			frappe.db.set_value(
				"Conduct Rule",
				code,
				{field: values[field] for field in CONTROL_FIELDS},
				update_modified=False,
			)


def apply_custom_fields():
	"""Create or update our custom fields (idempotent): after_install and the patch in patches.txt."""
	create_custom_fields(custom_fields_by_doctype(), ignore_validate=True)


def before_uninstall():
	try:
		remove_workflows()
		drop_scorecard_indexes()
		remove_custom_permissions()
		remove_custom_fields()
		remove_roles()
		remove_desk_navigation()
		remove_log_clearing()
	except Exception:
		click.secho("Uninstalling sales_dept failed. " + BUG_REPORT_HINT, fg="bright_red")
		raise


def remove_custom_fields():
	"""Delete the fields we define, and anything else tagged with our module."""
	for doctype, fields in custom_fields_by_doctype().items():
		for field in fields:
			name = frappe.db.get_value("Custom Field", {"dt": doctype, "fieldname": field["fieldname"]})
			if name:
				frappe.delete_doc("Custom Field", name, ignore_permissions=True, force=True)
	for doctype in ("Custom Field", "Property Setter"):
		for name in frappe.get_all(doctype, filters={"module": MODULE}, pluck="name"):
			frappe.delete_doc(doctype, name, ignore_permissions=True, force=True)
	frappe.clear_cache()


# Frappe 16's desk navigation: our desktop icon and workspace sidebar (sales_dept/desktop_icon,
# sales_dept/workspace_sidebar). Frappe's uninstall removes an app's sidebars, but of its desktop icons only
# the one named as the app, and with their on_trash (see remove_desk_navigation).
DESK_NAVIGATION = ("Desktop Icon", "Workspace Sidebar")
APP = "sales_dept"


def desk_navigation() -> list[tuple[str, str]]:
	"""(doctype, name) of our desktop icons and workspace sidebars; none on Frappe 15, which has neither."""
	return [
		(doctype, name)
		for doctype in DESK_NAVIGATION
		if frappe.db.exists("DocType", doctype)
		for name in frappe.get_all(doctype, {"app": APP}, pluck="name")
	]


def remove_desk_navigation():
	"""Without their on_trash: under developer_mode it would delete the app's own files of them."""
	for doctype, name in desk_navigation():
		frappe.delete_doc(doctype, name, ignore_permissions=True, force=True, ignore_on_trash=True)


def remove_workflows():
	"""Workflows on our doctypes (the seeded one and any an admin made), with their pending actions."""
	for doctype in ("Workflow Action", "Workflow"):
		field = "reference_doctype" if doctype == "Workflow Action" else "document_type"
		for name in frappe.get_all(doctype, {field: ["in", our_doctypes()]}, pluck="name"):
			frappe.delete_doc(doctype, name, ignore_permissions=True, force=True)


def our_doctypes() -> list[str]:
	"""The doctypes this app defines, read from its files (so also known once the app is uninstalled)."""
	folder = Path(frappe.get_app_path("sales_dept", "sales_dept", "doctype"))
	return sorted(
		json.loads(path.read_text())["name"]
		for path in folder.glob("*/*.json")
		if path.stem == path.parent.name
	)


def remove_custom_permissions():
	"""Role permissions an admin (or the setting "Hide Bid Costs from Salespeople") customised on our doctypes:
	Frappe keeps them as Custom DocPerm rows, which deleting a doctype leaves behind."""
	frappe.db.delete("Custom DocPerm", {"parent": ["in", our_doctypes()]})


def remove_roles():
	"""Delete the roles we created, with every assignment and permission row naming them."""
	for role in ROLES:
		name = role["role_name"]
		if frappe.db.exists("Role", name):
			for table in ("Has Role", "Custom DocPerm"):
				frappe.db.delete(table, {"role": name})
			frappe.delete_doc("Role", name, ignore_permissions=True, force=True)


def remove_log_clearing():
	"""Frappe's Log Settings keep a row for each log doctype they clear (ours: Robot Message, added from our
	`default_log_clearing_doctypes` hook), which removing the doctype leaves behind."""
	frappe.db.delete("Logs To Clear", {"ref_doctype": ["in", our_doctypes()]})


def log_clearing_rows() -> list[str]:
	logs_to_clear = frappe.qb.DocType("Logs To Clear")
	return (
		frappe.qb.from_(logs_to_clear)
		.select(logs_to_clear.ref_doctype)
		.where(logs_to_clear.ref_doctype.isin(our_doctypes()))
		.run(pluck=True)
	)


def leftovers() -> list[str]:
	"""Everything of ours on the site, as "<DocType> <name>"; empty once the app is uninstalled."""
	found = [
		f"Custom Field {name}"
		for name in frappe.get_all(
			"Custom Field",
			or_filters={"module": MODULE, "fieldname": ["like", "sd\\_%"]},
			pluck="name",
		)
	]
	found += [
		f"Property Setter {name}"
		for name in frappe.get_all("Property Setter", {"module": MODULE}, pluck="name")
	]
	found += [f"Role {role['role_name']}" for role in ROLES if frappe.db.exists("Role", role["role_name"])]
	found += [
		f"Custom DocPerm {name}"
		for name in frappe.get_all("Custom DocPerm", {"parent": ["in", our_doctypes()]}, pluck="name")
	]
	found += [
		f"Workflow {name}"
		for name in frappe.get_all("Workflow", {"document_type": ["in", our_doctypes()]}, pluck="name")
	]
	for doctype in ("DocType", "Workspace", "Report", "Number Card", "Print Format"):
		found += [f"{doctype} {name}" for name in frappe.get_all(doctype, {"module": MODULE}, pluck="name")]
	found += [f"{doctype} {name}" for doctype, name in desk_navigation()]
	found += [f"Logs To Clear {doctype}" for doctype in log_clearing_rows()]
	if frappe.db.exists("Module Def", MODULE):
		found.append(f"Module Def {MODULE}")
	return sorted(found)


def footprint() -> dict:
	"""What install and migrate wrote of ours, with modification stamps: equal before and after a migrate."""
	return {
		"custom_fields": frappe.get_all(
			"Custom Field", {"module": MODULE}, ["name", "modified"], order_by="name", as_list=True
		),
		"property_setters": frappe.get_all(
			"Property Setter", {"module": MODULE}, ["name", "modified"], order_by="name", as_list=True
		),
		"settings": (
			frappe.qb.from_("Singles")
			.select("field", "value")
			.where(Field("doctype") == SETTINGS_DOCTYPE)
			.orderby("field")
			.run()
		),
		"roles": frappe.get_all(
			"Role",
			{"name": ["in", [r["role_name"] for r in ROLES]]},
			["name", "modified"],
			order_by="name",
			as_list=True,
		),
		"workspaces": frappe.get_all(
			"Workspace", {"module": MODULE}, ["name", "modified"], order_by="name", as_list=True
		),
	}
