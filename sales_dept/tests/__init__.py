def before_tests():
	"""Runs before `bench run-tests`: ERPNext's own setup (the setup wizard only when no company exists)."""
	import frappe
	from erpnext.setup.utils import before_tests as erpnext_before_tests

	erpnext_before_tests()
	frappe.db.commit()  # nosemgrep: test setup must survive each test class's rollback
