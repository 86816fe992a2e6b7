import unittest
from collections import Counter
from datetime import date, timedelta

from sales_dept.demo.data import CUSTOMERS, ITEMS, MANAGER, PEOPLE
from sales_dept.demo.plan import (
	DEALS,
	PART_PAYMENTS,
	Line,
	add_working_days,
	plan_accounts,
	plan_history,
	working_days,
)

START, TODAY = date(2026, 5, 27), date(2026, 11, 27)  # TODAY is a Friday


def history():
	return plan_history(START, TODAY, list(plan_accounts().items()))


class TestAccounts(unittest.TestCase):
	def test_every_customer_has_a_salesperson_of_its_region_or_the_manager(self):
		owners = plan_accounts()
		self.assertEqual(len(owners), 60)
		for team, customers in CUSTOMERS.items():
			allowed = {p.name for p in PEOPLE if p.group == team} | {MANAGER.name}
			self.assertLessEqual({owners[c] for c in customers}, allowed, team)

	def test_customers_are_spread_over_all_salespeople(self):
		per_person = Counter(plan_accounts().values())
		self.assertEqual(set(per_person), {p.name for p in PEOPLE})
		self.assertGreaterEqual(min(per_person.values()), 5)


class TestHistory(unittest.TestCase):
	def test_the_same_inputs_give_the_same_plan(self):
		self.assertEqual(history(), history())

	def test_about_two_thirds_of_the_quotations_are_ordered_and_most_orders_billed(self):
		deals = history()
		ordered = [d for d in deals if d.order_date]
		invoiced = [d for d in ordered if d.invoice_date]
		self.assertEqual(len(deals), DEALS)
		self.assertTrue(70 <= len(ordered) <= 90, len(ordered))
		self.assertGreater(len(invoiced), 0.75 * len(ordered))
		self.assertGreater(sum(1 for d in invoiced if d.payment_date), 0.6 * len(invoiced))
		self.assertGreater(sum(1 for d in deals if d.lost_reason), 5)

	def test_dates_follow_each_other_on_working_days_within_the_window(self):
		for deal in history():
			steps = [deal.quotation_date, deal.order_date, deal.invoice_date, deal.payment_date]
			steps = [day for day in steps if day]
			self.assertEqual(steps, sorted(steps))
			self.assertTrue(START <= steps[0] and steps[-1] <= TODAY)
			self.assertTrue(all(day.weekday() < 5 for day in steps), steps)
			if deal.order_date:
				self.assertGreater(deal.delivery_date, deal.order_date)

	def test_a_lost_or_open_quotation_has_a_validity_and_no_order(self):
		for deal in history():
			if deal.order_date:
				self.assertIsNone(deal.valid_till)
				self.assertIsNone(deal.lost_reason)
			else:
				self.assertEqual(deal.valid_till, deal.quotation_date + timedelta(days=30))
				self.assertIsNone(deal.invoice_date)

	def test_payments_are_full_or_a_planned_part(self):
		for deal in history():
			if deal.payment_date:
				self.assertIn(deal.paid_share, (1, *PART_PAYMENTS))
			else:
				self.assertEqual(deal.paid_share, 0)

	def test_lines_are_distinct_items_with_a_few_whole_yuan_discounts(self):
		lines = [line for deal in history() for line in deal.lines]
		for deal in history():
			self.assertEqual(len({line.item_code for line in deal.lines}), len(deal.lines))
		discounted = [line for line in lines if line.discount]
		self.assertTrue(0.05 * len(lines) < len(discounted) < 0.35 * len(lines), len(discounted))
		self.assertTrue(all(line.rate < line.price and line.rate == int(line.rate) for line in discounted))
		self.assertLessEqual({line.item_code for line in lines}, {item.code for item in ITEMS})


class TestDates(unittest.TestCase):
	def test_working_days_skip_weekends(self):
		friday = TODAY
		self.assertEqual(add_working_days(friday, 1), date(2026, 11, 30))
		self.assertEqual(add_working_days(friday, 5), date(2026, 12, 4))
		self.assertEqual(
			working_days(date(2026, 11, 20), friday)[-3:], [date(2026, 11, 25), date(2026, 11, 26), friday]
		)
		self.assertEqual(len(working_days(date(2026, 11, 21), date(2026, 11, 22))), 0)

	def test_quotations_are_spread_over_the_weekdays(self):
		per_weekday = Counter(deal.quotation_date.weekday() for deal in history())
		self.assertEqual(set(per_weekday), {0, 1, 2, 3, 4})
		self.assertGreaterEqual(min(per_weekday.values()), DEALS / 5 / 2)

	def test_a_line_rate_is_the_discounted_price_in_whole_yuan(self):
		self.assertEqual(Line("x", 1, 1680, 3).rate, 1630)
		self.assertEqual(Line("x", 1, 1680).rate, 1680)
