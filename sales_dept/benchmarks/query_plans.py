"""Why a report grows faster than its data: each of its queries timed, and the slowest ones' plans as MariaDB ran
them (ANALYZE FORMAT=JSON: rows examined, time per table, temporary tables and filesorts). Run on the two sites
of a report benchmark and compare:

	bench --site SITE execute sales_dept.benchmarks.query_plans.explain --kwargs '{"report": "Bid Pipeline"}'

`report`: one of REPORTS (the filters the benchmark times it with). Prints each query's time and, for the
`top` slowest, the plan's tables with their access type, key, rows examined (r_rows), time (r_total_time_ms)
and what the plan adds (temporary table, filesort).
"""

import json
from time import perf_counter

import frappe


def report_calls(company: str) -> dict:
	from sales_dept.benchmarks.bids import report_calls as bid_calls
	from sales_dept.benchmarks.scorecards import report_calls as scorecard_calls
	from sales_dept.benchmarks.visit_reports import report_calls as visit_calls

	return {**visit_calls(company), **bid_calls(company), **scorecard_calls(company)}


def timed_queries(call) -> list[tuple[float, str]]:
	"""(seconds, SQL) of each query `call()` makes, in order."""
	queries = []
	real_sql = frappe.db.sql

	def sql(query, values=(), *args, **kwargs):
		started = perf_counter()
		try:
			return real_sql(query, values, *args, **kwargs)
		finally:
			text = frappe.db.last_query if isinstance(frappe.db.last_query, str) else str(query)
			queries.append((perf_counter() - started, text))

	frappe.db.sql = sql
	try:
		call()
	finally:
		frappe.db.sql = real_sql
	return queries


def plan_tables(plan: dict) -> list[dict]:
	"""Every table of an ANALYZE FORMAT=JSON plan, with what is above it (temporary table, filesort)."""
	found = []

	def walk(node, above: tuple[str, ...]):
		if isinstance(node, dict):
			marks = above + tuple(
				key for key in ("temporary_table", "filesort", "read_sorted_file") if key in node
			)
			if "table_name" in node:
				found.append(
					{
						"table": node.get("table_name"),
						"access": node.get("access_type"),
						"key": node.get("key"),
						"rows": node.get("r_rows"),
						"loops": node.get("r_loops"),
						"ms": node.get("r_table_time_ms") or node.get("r_total_time_ms"),
						"filtered": node.get("r_filtered"),
						"above": "/".join(marks),
					}
				)
			for value in node.values():
				walk(value, marks)
		elif isinstance(node, list):
			for value in node:
				walk(value, above)

	walk(plan, ())
	return found


def explain(report: str, top: int = 2, runs: int = 3) -> dict:
	from sales_dept.setup.records import default_company

	calls = report_calls(default_company())
	call = calls[report]
	call()  # warm: caches and buffer pool
	queries = []
	for _run in range(runs):
		queries = (
			timed_queries(call)
			if not queries
			else [(min(a[0], b[0]), a[1]) for a, b in zip(queries, timed_queries(call), strict=False)]
		)
	total = sum(seconds for seconds, _sql in queries)
	print(
		f"{report} on {frappe.local.site}: {len(queries)} queries, {total:.3f} s (fastest of {runs} per query)"
	)
	slowest = sorted(queries, key=lambda row: -row[0])[:top]
	result = {"site": frappe.local.site, "queries": len(queries), "seconds": round(total, 3), "slowest": []}
	for seconds, sql in slowest:
		plan = json.loads(frappe.db.sql(f"ANALYZE FORMAT=JSON {sql}")[0][0])
		tables = plan_tables(plan)
		print(f"\n{seconds:.3f} s: {sql[:300]}{'…' if len(sql) > 300 else ''}")
		for table in tables:
			print(
				f"   {table['table']:<28} {table['access'] or '':<7} key={table['key'] or '-':<40} rows={table['rows']} "
				f"loops={table['loops']} ms={table['ms']} filtered={table['filtered']} {table['above']}"
			)
		result["slowest"].append({"seconds": round(seconds, 4), "sql": sql, "tables": tables})
	return result
