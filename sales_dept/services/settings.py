"""Sales Dept Settings, read through one cached accessor."""

import frappe

SETTINGS_DOCTYPE = "Sales Dept Settings"
ADMINISTRATOR = "Administrator"

# Capability name -> the switch on Sales Dept Settings.
CAPABILITY_SWITCHES = {
	"pricing_policy": "enable_pricing_policy",
	"visit_plans": "enable_visit_plans",
	"bid_review": "enable_bid_review",
	"scorecards": "enable_scorecards",
	"conduct": "enable_conduct",
}

# The capabilities built so far (the others' switches are there for what comes). The weekly meeting pack
# shows a built capability's section while it is switched on, and for one not built yet a "not available
# yet" note. When a capability is built, add it here.
BUILT_CAPABILITIES = frozenset(
	{"visit_plans", "pricing_policy", "bid_review", "conduct", "scorecards", "complaints"}
)

# Values of the setting "Price Exceptions Decided By".
LINE_OF_OVERSIGHT, APPROVER_ROLE_ALONE = "Line of Oversight", "Approver Role Alone"


def get_settings():
	"""The settings document, cached across requests and cleared by Frappe when it is saved."""
	return frappe.get_cached_doc(SETTINGS_DOCTYPE)


def setting(fieldname: str):
	"""One setting; a field added to the settings after a site saved them reads as its declared default."""
	return or_default(fieldname, get_settings().get(fieldname))


def setting_as_committed(fieldname: str):
	"""One setting as this transaction reads the database, past the cache (for a job that decides on what
	others have just committed); its default as `setting` gives it."""
	return or_default(fieldname, frappe.get_doc(SETTINGS_DOCTYPE).get(fieldname))


def or_default(fieldname: str, value):
	if value in (None, ""):
		field = frappe.get_meta(SETTINGS_DOCTYPE).get_field(fieldname)
		value = field.default if field else None
	return value


def is_enabled(capability: str) -> bool:
	return bool(get_settings().get(CAPABILITY_SWITCHES[capability]))


def switched_on(capability: str) -> bool:
	"""Whether the settings switch a capability on (one without a switch, e.g. complaints, is always on)."""
	switch = CAPABILITY_SWITCHES.get(capability)
	return True if switch is None else bool(get_settings().get(switch))


def is_administrator(user: str | None = None) -> bool:
	"""Administrator, or a holder of the settings' Administrator Role: sees and may do everything."""
	user = user or frappe.session.user
	return user == ADMINISTRATOR or setting("administrator_role") in frappe.get_roles(user)
