app_name = "sales_dept"
app_title = "Sales Dept"
app_publisher = "sales_dept developers"
app_description = "Sales department rulebook enforced in ERPNext"
app_email = "sales-dept@example.com"
app_license = "mit"

# "org/repo" form: a bare "erpnext" makes Frappe 15 look the organisation up online during install-app.
required_apps = ["frappe/erpnext"]

# Installation
# ------------
before_install = "sales_dept.setup.compat.check_versions"
after_install = "sales_dept.setup.install.after_install"
before_uninstall = "sales_dept.setup.install.before_uninstall"

# Migration
# ---------
before_migrate = "sales_dept.setup.compat.check_versions"
after_migrate = "sales_dept.setup.install.after_migrate"

# Testing
# -------
before_tests = "sales_dept.tests.before_tests"

# Print formats: the amount in words in the print's language (Chinese capitals for yuan)
jinja = {"methods": ["sales_dept.services.amount_in_words.amount_in_words_for_print"]}

# Document events on ERPNext doctypes (handlers in sales_dept/overrides/)
# -----------------------------------------------------------------------
doc_events = {
	"Quotation": {
		"before_validate": "sales_dept.overrides.selling.set_sales_person",
		"on_cancel": "sales_dept.overrides.selling.let_cancel_past_price_exceptions",
		"validate": [
			"sales_dept.overrides.selling.check_price_policy",
			"sales_dept.overrides.selling.write_amount_in_chinese",
		],
		"before_submit": [
			"sales_dept.overrides.selling.block_without_approved_bid",
			"sales_dept.overrides.selling.block_submit_without_price_exception",
		],
		"before_update_after_submit": [
			"sales_dept.overrides.selling.check_lines_after_submit",  # Update Items
			"sales_dept.overrides.selling.write_amount_in_chinese",
		],
		"before_print": [
			"sales_dept.overrides.selling.block_without_approved_bid",
			"sales_dept.overrides.selling.block_print_without_price_exception",
		],
		"on_submit": "sales_dept.sales_dept.doctype.bid_review.bid_review.on_quotation_submit",
	},
	"Sales Order": {
		"validate": [
			"sales_dept.overrides.selling.check_price_policy",
			"sales_dept.overrides.selling.write_amount_in_chinese",
		],
		"on_cancel": "sales_dept.overrides.selling.let_cancel_past_price_exceptions",
		"before_submit": "sales_dept.overrides.selling.block_submit_without_price_exception",
		"before_update_after_submit": [
			"sales_dept.overrides.selling.check_lines_after_submit",
			"sales_dept.overrides.selling.write_amount_in_chinese",  # after Update Items
		],
		"before_print": "sales_dept.overrides.selling.block_print_without_price_exception",
	},
	"Opportunity": {
		"before_validate": "sales_dept.overrides.selling.set_sales_person",
	},
	"Customer": {
		"validate": "sales_dept.overrides.customer.check_tier_edit",
	},
	"Sales Person": {
		"validate": "sales_dept.overrides.sales_person.validate",
		"on_update": "sales_dept.services.org.clear_org_chart_cache",
		"after_delete": "sales_dept.services.org.clear_org_chart_cache",
		"after_rename": "sales_dept.services.org.clear_org_chart_cache",
	},
	"Item Group": {
		"on_update": "sales_dept.services.pricing.clear_item_group_cache",
		"after_delete": "sales_dept.services.pricing.clear_item_group_cache",
		"after_rename": [
			"sales_dept.services.pricing.clear_item_group_cache",
			"sales_dept.services.pricing.clear_policy_cache",
		],
	},
	"Item": {"after_rename": "sales_dept.services.pricing.clear_policy_cache"},
	"Customer Group": {"after_rename": "sales_dept.services.pricing.clear_policy_cache"},
	"Price List": {"after_rename": "sales_dept.services.pricing.clear_policy_cache"},
	"Employee": {
		"on_update": "sales_dept.services.org.clear_org_chart_cache",
		"after_delete": "sales_dept.services.org.clear_org_chart_cache",
		"after_rename": "sales_dept.services.org.clear_org_chart_cache",
	},
	# Complaints (rulebook R7): the customer's salesperson and team leader hear of a new Issue, the team
	# leader of a breached SLA (once).
	"Issue": {
		"after_insert": "sales_dept.services.complaints.on_new_issue",
		"on_update": "sales_dept.services.complaints.on_issue_update",
	},
}
# People's names instead of their user ids (sales_dept.services.user_names): in the read-only links (decided
# by, approved by, tier kept by...) and the timeline of these forms, and in their prints. Every doctype of ours
# that is not a table (tests/test_names_and_print.py checks), and the Customer's tier keeper.
_USER_NAMES_SHOWN_IN = (
	"Bid Review",
	"Bid Review Kind",
	"Conduct Rule",
	"Conduct Rule Version",
	"Customer",
	"Customer Tier",
	"Group Robot",
	"Penalty Record",
	"Price Exception Request",
	"Reward Record",
	"Robot Message",
	"Sales Dept Settings",
	"Sales Price Policy",
	"Sales Scorecard",
	"Scorecard Template",
	"Visit Plan",
	"Visit Record",
)
for _doctype in _USER_NAMES_SHOWN_IN:
	doc_events.setdefault(_doctype, {})["onload"] = "sales_dept.services.user_names.add_user_names"
	doc_events[_doctype]["before_print"] = "sales_dept.services.user_names.name_users_in_print"

# Quotation, Sales Order: nobody may e-mail one that still needs a price exception.
# Visit Plan, Visit Record: a salesperson reaches their own, a team leader the team's, a manager all.
has_permission = {
	"Quotation": "sales_dept.overrides.selling.has_permission",
	"Sales Order": "sales_dept.overrides.selling.has_permission",
	"Visit Plan": "sales_dept.services.visit_access.has_permission",
	"Visit Record": "sales_dept.services.visit_access.has_permission",
	"Bid Review": "sales_dept.services.bids.has_permission",
	# Penalty and reward records: never a peer's (rulebook R11), nor one's own before it is decided.
	"Penalty Record": "sales_dept.services.conduct.has_permission",
	"Reward Record": "sales_dept.services.conduct.has_permission",
	# Scorecards: a salesperson their own, a team leader the team's, the manager and leadership all.
	"Sales Scorecard": "sales_dept.services.visit_access.has_permission",
	# Group robots and their outbox: administrators and the sales manager role only (an address is a key).
	"Group Robot": "sales_dept.services.robots.has_permission",
	"Robot Message": "sales_dept.services.robots.has_permission",
}

permission_query_conditions = {
	"Visit Plan": "sales_dept.services.visit_access.query_conditions",
	"Visit Record": "sales_dept.services.visit_access.query_conditions",
	"Bid Review": "sales_dept.services.bids.query_conditions",
	"Penalty Record": "sales_dept.services.conduct.query_conditions",
	"Reward Record": "sales_dept.services.conduct.query_conditions",
	"Sales Scorecard": "sales_dept.services.visit_access.query_conditions",
	"Group Robot": "sales_dept.services.robots.query_conditions",
	"Robot Message": "sales_dept.services.robots.query_conditions",
}

scheduler_events = {
	"daily": [
		"sales_dept.services.tiers.reclassify_customers_daily",
		"sales_dept.services.visit_reminders.remind_plans_due",
		"sales_dept.services.visit_reminders.notify_overdue_vip_customers",
		"sales_dept.services.bids.run_daily_jobs",
		"sales_dept.services.conduct_detection.detect_daily",
	],
	"hourly": [
		"sales_dept.services.complaints.escalate_breaches_hourly",
	],
	# Group robots: the meeting digest once it is due, then whatever waits in the outbox (retries, messages
	# held back by a platform's rate). One job, stopped while no robot is to be served (services.robot_schedule).
	"cron": {
		"* * * * *": ["sales_dept.services.robot_schedule.every_minute"],
	},
}

# Frappe's Log Settings clear the group robots' outbox like other logs (sent or given up, after 30 days).
default_log_clearing_doctypes = {"Robot Message": 30}

# Form scripts added to ERPNext doctypes
doctype_js = {
	"Quotation": ["public/js/form_message.js", "public/js/price_policy.js", "public/js/deal_sales_person.js"],
	"Sales Order": ["public/js/form_message.js", "public/js/price_policy.js"],
	"Opportunity": ["public/js/deal_sales_person.js", "public/js/opportunity_bid.js"],
	"Customer": ["public/js/form_message.js", "public/js/customer_tier.js", "public/js/customer_bid.js"],
	"Price Exception Request": "public/js/workflow_decision.js",
	"Visit Plan": "public/js/workflow_decision.js",
	"Bid Review": "public/js/workflow_decision.js",
	"Penalty Record": "public/js/workflow_decision.js",
	"Reward Record": "public/js/workflow_decision.js",
	"Sales Scorecard": "public/js/workflow_decision.js",
}

# On every desk page: Role names translated in read-only links (public/js/sales_dept.bundle.js)
app_include_js = "sales_dept.bundle.js"
# On every desk page: the labels of our forms' action buttons on a phone (public/css/sales_dept.bundle.css)
app_include_css = "sales_dept.bundle.css"
# At login: our app's title in the reader's language (Frappe 16's sidebar shows it)
boot_session = "sales_dept.services.desk_boot.app_title_in_readers_language"

# Connections: a quotation's or order's price exception requests, a customer's visit records and plans
override_doctype_dashboards = {
	"Quotation": "sales_dept.overrides.dashboards.quotation",
	"Sales Order": "sales_dept.overrides.dashboards.sales_order",
	"Customer": "sales_dept.overrides.dashboards.customer",
	"Opportunity": "sales_dept.overrides.dashboards.opportunity",
}

# The workflow actions the desk offers (form and list): only those the controller would let the user take.
# A report or number card read from a read replica that lags says so (README "Production").
before_request = ["sales_dept.services.replica_lag.warn_when_replica_lags"]

override_whitelisted_methods = {
	"frappe.model.workflow.get_transitions": "sales_dept.services.decisions.offered_transitions",
	"frappe.model.workflow.get_common_transition_actions": "sales_dept.services.decisions.offered_common_actions",
}
