"""Sales Dept Settings, read through one cached accessor."""

import frappe

SETTINGS_DOCTYPE = "Sales Dept Settings"

# Capability name -> the switch on Sales Dept Settings.
CAPABILITY_SWITCHES = {
	"pricing_policy": "enable_pricing_policy",
	"visit_plans": "enable_visit_plans",
	"bid_review": "enable_bid_review",
	"scorecards": "enable_scorecards",
	"conduct": "enable_conduct",
}


def get_settings():
	"""The settings document, cached across requests and cleared by Frappe when it is saved."""
	return frappe.get_cached_doc(SETTINGS_DOCTYPE)


def is_enabled(capability: str) -> bool:
	return bool(get_settings().get(CAPABILITY_SWITCHES[capability]))
