"""What the desk is given at login (Frappe's `boot_session` hook), in the reader's language."""

import frappe
from frappe import _


def app_title_in_readers_language(bootinfo):
	"""Frappe 16's sidebar shows the app's title under the workspace's (销售部 / Sales Dept) as it is in
	hooks.py, untranslated: our app's title is given in the reader's language. Frappe 15 shows no title."""
	for app in bootinfo.get("app_data") or []:
		if app.get("app_name") == "sales_dept":
			app["app_title"] = _(frappe.get_hooks("app_title", app_name="sales_dept")[0])
