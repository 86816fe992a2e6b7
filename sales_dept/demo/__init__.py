"""Demo data: the sales department of a Chinese machinery distributor with six months of history.

	bench --site SITE execute sales_dept.demo.make      (idempotent: a second run adds nothing)
	bench --site SITE execute sales_dept.demo.logins

Importing this package needs no frappe (the plan is tested without a bench); the steps load on call.
"""


def make():
	"""Build the demo department on the current site; prints progress and a summary."""
	from sales_dept.demo.build import build

	build()


def logins() -> list[str]:
	"""One line per demo user: name, job title and login email."""
	from sales_dept.demo.org import demo_logins

	return demo_logins()
