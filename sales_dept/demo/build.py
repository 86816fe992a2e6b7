"""The demo build, step by step; each step is idempotent and committed before the next one starts."""

import time

import frappe
from frappe.utils import add_months, getdate

from sales_dept.demo.bids import make_bids
from sales_dept.demo.catalogue import make_catalogue
from sales_dept.demo.conduct import make_conduct
from sales_dept.demo.customers import make_customers
from sales_dept.demo.org import make_org
from sales_dept.demo.policies import make_price_policies
from sales_dept.demo.scorecards import make_scorecards
from sales_dept.demo.site import ensure_company, ensure_fiscal_years, ensure_letter_head
from sales_dept.demo.summary import report
from sales_dept.demo.transactions import make_history
from sales_dept.demo.visits import make_visits

HISTORY_MONTHS = 6


def build():
	started = time.monotonic()
	company = committed(ensure_company)
	today = getdate()
	start = getdate(add_months(today, -HISTORY_MONTHS))
	committed(ensure_fiscal_years, company, start, today)
	committed(make_org, company)
	price_list = committed(make_catalogue, company)
	accounts = committed(make_customers, company)
	committed(make_history, company, accounts, price_list, start, today)
	committed(make_visits, company, accounts, today)
	committed(make_price_policies, company)  # after the history, whose discounts predate them
	committed(ensure_letter_head, company)
	committed(make_bids, company, accounts, price_list, today)  # judged by the price policies
	committed(make_conduct, company, today)  # the rulebook's checks over the weeks of visits and bids
	committed(make_scorecards, company, accounts, today)  # after the penalties, which they deduct
	report([customer for customer, _sales_person in accounts], price_list, time.monotonic() - started)


def committed(step, *args):
	"""Runs one step and commits it, so the work of the steps before a failure is kept."""
	result = step(*args)
	frappe.db.commit()
	return result
