"""Every field sales_dept adds to an ERPNext doctype, defined once.

The same definitions are applied at install and by a patch on every migrate (idempotent), and removed
on uninstall. Fieldnames start with `sd_`; every field is tagged with our module so Frappe's own
uninstall would also find it.
"""

MODULE = "Sales Dept"
FIELD_PREFIX = "sd_"


def _(text: str) -> str:
	"""Marks a label for translation extraction; labels are stored in English and translated on display."""
	return text


CUSTOM_FIELDS: dict[str | tuple[str, ...], list[dict]] = {
	"Customer": [
		{
			"fieldname": "sd_customer_tier",
			"label": _("Customer Tier"),
			"fieldtype": "Link",
			"options": "Customer Tier",
			"insert_after": "customer_group",
			"in_standard_filter": 1,
			"search_index": 1,
			"read_only_depends_on": "eval:!doc.sd_tier_locked",
			"description": _("Set every day from the last twelve months of sales, unless kept."),
		},
		{
			"fieldname": "sd_tier_locked",
			"label": _("Keep This Tier"),
			"fieldtype": "Check",
			"insert_after": "sd_customer_tier",
			"description": _(
				"The daily classification leaves a kept tier alone. Only the sales manager sets or keeps a tier."
			),
		},
		{
			"fieldname": "sd_tier_keep_reason",
			"label": _("Why This Tier Is Kept"),
			"fieldtype": "Small Text",
			"insert_after": "sd_tier_locked",
			"depends_on": "eval:doc.sd_tier_locked",
			"mandatory_depends_on": "eval:doc.sd_tier_locked",
			"no_copy": 1,
		},
		{
			"fieldname": "sd_tier_kept_by",
			"label": _("Tier Kept By"),
			"fieldtype": "Link",
			"options": "User",
			"insert_after": "sd_tier_keep_reason",
			"depends_on": "eval:doc.sd_tier_locked",
			"read_only": 1,
			"no_copy": 1,
		},
		{
			"fieldname": "sd_tier_kept_on",
			"label": _("Tier Kept On"),
			"fieldtype": "Datetime",
			"insert_after": "sd_tier_kept_by",
			"depends_on": "eval:doc.sd_tier_locked",
			"read_only": 1,
			"no_copy": 1,
		},
		{
			"fieldname": "sd_tier_classified_on",
			"label": _("Tier Classified On"),
			"fieldtype": "Date",
			"insert_after": "sd_tier_kept_on",
			"read_only": 1,
			"no_copy": 1,
		},
		{
			"fieldname": "sd_net_sales_12m",
			"label": _("Net Sales (12 Months)"),
			"fieldtype": "Currency",
			"insert_after": "sd_tier_classified_on",
			"read_only": 1,
			"no_copy": 1,
		},
	],
	"Sales Person": [
		{
			"fieldname": "sd_team_leader",
			"label": _("Team Leader"),
			"fieldtype": "Link",
			"options": "Sales Person",
			"insert_after": "is_group",
			"depends_on": "eval:doc.is_group",
			"description": _("A salesperson of this team who leads it (rulebook R3)."),
		},
		{
			"fieldname": "sd_collection_section",
			"label": _("Collection Targets"),
			"fieldtype": "Section Break",
			"insert_after": "targets",
			"description": _(
				"What this salesperson is to collect (回款) in each fiscal year: scorecards score collection "
				"completion against the part falling in their period."
			),
		},
		{
			"fieldname": "sd_collection_targets",
			"label": _("Collection Targets"),
			"fieldtype": "Table",
			"options": "Collection Target",
			"insert_after": "sd_collection_section",
		},
	],
	("Quotation", "Opportunity"): [
		{
			"fieldname": "sd_sales_person",
			"label": _("Sales Person"),
			"fieldtype": "Link",
			"options": "Sales Person",
			"insert_after": "customer_name",
			"in_standard_filter": 1,
			"search_index": 1,
			"description": _("Defaults to the customer's sales team or to your own Sales Person."),
		},
	],
	"Quotation": [
		{
			"fieldname": "sd_bid_review",
			"label": _("Bid Review"),
			"fieldtype": "Link",
			"options": "Bid Review",
			"insert_after": "sd_sales_person",
			"read_only": 1,
			"search_index": 1,
			"description": _(
				"The approved bid this quotation was made from: its items, quantities and rates must stay as approved."
			),
		},
	],
	("Quotation", "Sales Order"): [
		{
			"fieldname": "sd_price_policy_section",
			"label": _("Price Policy"),
			"fieldtype": "Section Break",
			"insert_after": "items",
			"depends_on": "eval:doc.sd_price_check || doc.sd_price_exception",
		},
		{
			"fieldname": "sd_price_exception_needed",
			"label": _("Needs Price Exception"),
			"fieldtype": "Check",
			"insert_after": "sd_price_policy_section",
			"read_only": 1,
			"no_copy": 1,
			"print_hide": 1,
			"in_standard_filter": 1,
		},
		{
			"fieldname": "sd_price_check_column",
			"fieldtype": "Column Break",
			"insert_after": "sd_price_exception_needed",
		},
		{
			"fieldname": "sd_price_approver_role",
			"label": _("Price Approver Role"),
			"fieldtype": "Link",
			"options": "Role",
			"insert_after": "sd_price_check_column",
			"read_only": 1,
			"no_copy": 1,
			"print_hide": 1,
		},
		{
			"fieldname": "sd_price_exception_column",
			"fieldtype": "Column Break",
			"insert_after": "sd_price_approver_role",
		},
		{
			"fieldname": "sd_price_exception",
			"label": _("Price Exception Request"),
			"fieldtype": "Link",
			"options": "Price Exception Request",
			"insert_after": "sd_price_exception_column",
			"read_only": 1,
			"no_copy": 1,
			"print_hide": 1,
			"allow_on_submit": 1,
		},
		{
			"fieldname": "sd_price_lines_section",
			"fieldtype": "Section Break",
			"insert_after": "sd_price_exception",
			"depends_on": "eval:doc.sd_price_check",
		},
		{
			"fieldname": "sd_price_check_html",
			"label": _("Lines Below the Price Policy"),
			"fieldtype": "HTML",
			"insert_after": "sd_price_lines_section",
		},
		{
			"fieldname": "sd_price_check",
			"label": _("Price Check"),
			"fieldtype": "JSON",
			"insert_after": "sd_price_check_html",
			"hidden": 1,
			"read_only": 1,
			"no_copy": 1,
			"print_hide": 1,
		},
		{
			# the lines (item, quantity, rate) the price check last saw: a submitted order is checked again
			# only when ERPNext's Update Items changed them
			"fieldname": "sd_checked_lines",
			"label": _("Checked Lines"),
			"fieldtype": "Data",
			"insert_after": "sd_price_check",
			"hidden": 1,
			"read_only": 1,
			"no_copy": 1,
			"print_hide": 1,
			"allow_on_submit": 1,
		},
	],
	"Issue": [
		{
			# a complaint's SLA breach is reported to the team leader once (rulebook R7)
			"fieldname": "sd_sla_breach_notified_on",
			"label": _("SLA Breach Reported On"),
			"fieldtype": "Datetime",
			"insert_after": "agreement_status",
			"read_only": 1,
			"no_copy": 1,
			"print_hide": 1,
			"description": _(
				"When the team leader was told that this complaint missed its service level agreement."
			),
		},
	],
}


def custom_fields_by_doctype() -> dict[str, list[dict]]:
	"""The definitions with tuple keys spread out and our module tag added to every field."""
	spread: dict[str, list[dict]] = {}
	for doctypes, fields in CUSTOM_FIELDS.items():
		for doctype in (doctypes,) if isinstance(doctypes, str) else doctypes:
			spread.setdefault(doctype, []).extend({**field, "module": MODULE} for field in fields)
	return spread
