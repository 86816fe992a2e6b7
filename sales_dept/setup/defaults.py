"""Records sales_dept seeds once (insert if missing): admins may edit them and keep their edits."""


def _(text: str) -> str:
	"""Marks a string for translation extraction; stored in English, translated on display."""
	return text


# Roles the default settings point to that neither Frappe nor ERPNext ship.
ROLES = [
	{"role_name": _("Sales Team Leader"), "desk_access": 1},
	{"role_name": _("Sales Director"), "desk_access": 1},
	{"role_name": _("Technical Reviewer"), "desk_access": 1},
]

# Frappe 15 fills every Time field of a new document with the current time, ignoring its default, so
# the settings' meeting time is written once at install.
MEETING_TIME = "09:00:00"

# Customer tiers (rulebook R36, R37), seeded once: admins adjust the thresholds to their business.
CUSTOMER_TIERS = [
	{"tier_name": _("VIP"), "sort_order": 1, "min_net_sales": 1_000_000, "visit_interval_days": 30},
	{"tier_name": _("Level 1"), "sort_order": 2, "min_net_sales": 300_000, "visit_interval_days": 60},
	{"tier_name": _("Level 2"), "sort_order": 3, "min_net_sales": 50_000, "visit_interval_days": 0},
	{"tier_name": _("Other Customers"), "sort_order": 4, "min_net_sales": 0, "visit_interval_days": 0},
]

# Review kinds every bid goes through (rulebook R28), seeded once: admins add more (legal, quality...).
# Their roles are read from Sales Dept Settings when they are seeded.
BID_REVIEW_KINDS = [
	{
		"kind_name": _("Technical"),
		"role_setting": "technical_reviewer_role",
		"confirms_costs": 0,
		"description": _("Difficult models and specifications: can we deliver what is asked?"),
	},
	{
		"kind_name": _("Purchasing"),
		"role_setting": "purchasing_reviewer_role",
		"confirms_costs": 1,
		"description": _("Lead times and purchase costs of the key items."),
	},
]
