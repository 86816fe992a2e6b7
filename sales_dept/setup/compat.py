"""Version gate: refuse to install or migrate on a Frappe/ERPNext outside the supported major version."""

import importlib

import frappe
from frappe import _

from sales_dept.rules.compat import version_problems


def _installed_version(app: str) -> str | None:
	try:
		return importlib.import_module(app).__version__
	except ImportError:
		return None


def check_versions():
	"""before_install / before_migrate hook."""
	problems = version_problems({app: _installed_version(app) for app in ("frappe", "erpnext")})
	if not problems:
		return
	lines = [
		_("{0} {1} is installed, but sales_dept needs {0} {2}.").format(
			p.app, p.found or _("(missing)"), p.required
		)
		for p in problems
	]
	lines.append(_("Install a sales_dept release made for your Frappe and ERPNext versions."))
	frappe.throw(
		"\n".join(lines), title=_("Unsupported Frappe or ERPNext version"), exc=frappe.IncompatibleApp
	)
