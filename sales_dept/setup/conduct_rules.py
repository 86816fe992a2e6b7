"""The rulebook as Conduct Rule records (rulebook R1-R40), seeded once (insert if missing): admins revise
them and leadership approves each revision (R14). Each article keeps the company's own Chinese text (from its
regulations, work flows and plans), an English title and gist, the control of this app that enforces or
supports it, and, for the rules a salesperson can break, a penalty ladder: the 1st, 2nd, 3rd… offence
within a rolling window of days and what it earns.

Titles and control descriptions are stored in English and shown translated (their Chinese is in zh.po, the
titles' also on each record as "Title (Chinese)"); the article text is the original Chinese."""

from sales_dept.rules.conduct import (
	FINE,
	LATE_BID,
	LATE_PLAN,
	OVERDUE_CUSTOMER,
	PRICE_BREACH,
	REFERRAL,
	SUSPENSION,
	VERBAL_WARNING,
	WRITTEN_WARNING,
)


def _(text: str) -> str:
	"""Marks a string for translation extraction; stored in English, translated on display."""
	return text


# Categories (the Select options of Conduct Rule).
CONDUCT, PRICING, REPORTING, VISITS = "Conduct", "Pricing", "Reporting", "Visits"
CONFIDENTIALITY, GIFTS, PERFORMANCE = "Confidentiality", "Gifts", "Performance"

# Capabilities (the Select options of Conduct Rule "Capability", read as services.settings capabilities).
PRICE_POLICY, VISIT_PLANS, BID_REVIEW = "Price Policy", "Visit Plans", "Bid Review"
SCORECARDS, CONDUCT_RECORDS = "Scorecards", "Conduct Records"


def ladder(*steps) -> list[dict]:
	"""Ladder rows from (action, fine amount or suspension days) pairs, 1st offence first."""
	rows = []
	for offence, (action, figure) in enumerate(steps, start=1):
		rows.append(
			{
				"offence": offence,
				"action": action,
				"fine_amount": figure if action == FINE else 0,
				"suspension_days": figure if action == SUSPENSION else 0,
			}
		)
	return rows


def rule(
	code: str,
	article: str,
	title: str,
	title_zh: str,
	category: str,
	text_zh: str,
	text_en: str,
	control: str,
	kinds: str,
	automatic: bool = False,
	capability: str | None = None,
	doctype: str | None = None,
	report: str | None = None,
	setting: str | None = None,
	detection: str | None = None,
	window_days: int = 0,
	max_fine: float = 0,
	steps: list[dict] | None = None,
) -> dict:
	return {
		"rule_code": code,
		"article": article,
		"title": title,
		"title_zh": title_zh,
		"category": category,
		"text_zh": text_zh,
		"text_en": text_en,
		"control": control,
		"control_kinds": kinds,
		"enforced_automatically": int(automatic),
		"capability": capability,
		"control_doctype": doctype,
		"control_report": report,
		"control_setting": setting,
		"detection": detection,
		"breakable": int(bool(steps)),
		"window_days": window_days,
		"max_fine": max_fine,
		"ladder": steps or [],
	}


CONDUCT_RULES = [
	rule(
		"R1",
		"第五条",
		_("Manager sets the department's targets and strategy"),
		"销售经理制定销售目标和策略",
		PERFORMANCE,
		"销售经理负责制定销售部的销售目标和策略,并组织实施。",
		"The sales manager sets the department's sales targets and strategy and carries them out; targets per "
		"salesperson, only managers edit them.",
		_("Targets per salesperson on the Sales Person (ERPNext targets); the sales manager edits them."),
		"D, P",
		doctype="Sales Person",
	),
	rule(
		"R2",
		"第六条",
		_("Manager appraises salespeople; rewards and penalties are fair"),
		"销售经理考核销售人员,奖惩公平合理",
		PERFORMANCE,
		"销售经理有权对销售人员进行考核,奖惩措施应公平合理。",
		"The sales manager appraises salespeople; rewards and penalties must be fair and reasonable.",
		_(
			"Penalty and reward records proposed from the rulebook's ladders and decided through their workflows; "
			"monthly appraisal scorecards reviewed by the salesperson, the manager and leadership."
		),
		"W, K",
		automatic=True,
		capability=CONDUCT_RECORDS,
		report="Conduct Summary",
	),
	rule(
		"R3",
		"第七条",
		_("The department works in teams, each with one team leader"),
		"销售部设立销售团队,每队一名团队领导",
		CONDUCT,
		"销售部设立销售团队,每个销售团队配备一名团队领导,负责团队的日常工作和销售任务的完成。",
		"The department is organised in sales teams, each with one team leader responsible for its daily work "
		"and targets.",
		_("Teams and their leaders in the Sales Person tree (Team Leader on each group)."),
		"D",
		doctype="Sales Person",
	),
	rule(
		"R4",
		"第八条 / 经理职责4",
		_("Leaders train their people; key cases are discussed every week"),
		"团队领导负责培训;每周讨论重点业务",
		CONDUCT,
		"销售团队领导应保证销售人员的培训和技能提升,提供必要的销售工具及支持。"
		"对本部门员工的专业知识培训负责。每周定期对过去一周所发生的重点业务及技术问题组织大家进行讨论和学习。",
		"Team leaders and the manager train salespeople; each week the key cases and technical questions of "
		"the past week are discussed.",
		_("The weekly meeting pack; a training log is not built yet."),
		"D, R",
		report="Weekly Meeting Pack",
	),
	rule(
		"R5",
		"第九条",
		_("Know the products and the competitors"),
		"了解公司产品和竞争对手",
		REPORTING,
		"销售人员应了解公司产品的特点、优势以及竞争对手的情况,能清晰准确地向客户介绍公司产品。",
		"Salespeople know the company's products and the competitors; competitors are captured on "
		"opportunities, quotations and lost bids.",
		_("Competitors recorded on opportunities, quotations and lost bids."),
		"D, R",
		doctype="Competitor",
	),
	rule(
		"R6",
		"第十条",
		_("Develop new customers and maintain existing ones"),
		"拓展新客户,维护现有客户",
		VISITS,
		"销售人员应按照销售计划,积极拓展新客户,维护现有客户,提高客户满意度。",
		"Salespeople develop new customers and maintain existing ones; a VIP or Level 1 customer left unvisited "
		"beyond its interval is a breach.",
		_(
			"Customer Visit Coverage; every day the app files a draft penalty for each VIP or Level 1 customer "
			"overdue beyond its visit interval."
		),
		"K, S",
		automatic=True,
		capability=VISIT_PLANS,
		report="Customer Visit Coverage",
		setting="overdue_visit_grace_days",
		detection=OVERDUE_CUSTOMER,
		window_days=180,
		max_fine=1000,
		steps=ladder((VERBAL_WARNING, 0), (WRITTEN_WARNING, 0), (FINE, 200), (FINE, 500)),
	),
	rule(
		"R7",
		"第十一条",
		_("Handle complaints promptly and report them to the team leader"),
		"及时处理投诉并向团队领导汇报",
		REPORTING,
		"销售人员应及时处理客户的投诉和问题,并及时向销售团队领导汇报。",
		"Salespeople handle customer complaints promptly and report them to their team leader.",
		_(
			"Complaints are ERPNext Issues: a new one notifies the customer's salesperson and their team leader, "
			"a breached service level notifies the team leader once (checked every hour); the weekly meeting pack "
			"lists each team's complaints, and complaints count in the scorecard. Penalties are filed by hand."
		),
		"S, K",
		automatic=True,
		report="Weekly Meeting Pack",
		window_days=180,
		max_fine=2000,
		steps=ladder((WRITTEN_WARNING, 0), (FINE, 300), (FINE, 800)),
	),
	rule(
		"R8",
		"第十二条",
		_("Submit sales reports and data on time"),
		"按时提交销售报告和销售数据",
		REPORTING,
		"销售人员应按时提交销售报告和销售数据,确保信息的及时准确。",
		"Salespeople hand in their reports and data on time; a visit plan handed in after the weekly meeting, "
		"or not at all, is late.",
		_(
			"Visit plans are due before the weekly meeting and marked Late after it; every day the app files a "
			"draft penalty for each plan handed in late or missing at the meeting."
		),
		"S, K",
		automatic=True,
		capability=VISIT_PLANS,
		doctype="Visit Plan",
		detection=LATE_PLAN,
		window_days=90,
		max_fine=1000,
		steps=ladder((VERBAL_WARNING, 0), (WRITTEN_WARNING, 0), (FINE, 100), (FINE, 300)),
	),
	rule(
		"R9",
		"第十三条",
		_("Follow the price policy and the transaction process"),
		"遵守公司的价格政策和交易流程",
		PRICING,
		"销售人员在与客户进行销售及洽谈时,应遵守公司的价格政策和交易流程。",
		"Salespeople follow the company's price policy and transaction process; a submitted quotation or order "
		"below the policy without an approved exception is a breach.",
		_(
			"Sales Price Policy: a quotation or order below the salesperson's allowance needs an approved Price "
			"Exception Request before it is submitted; every day the app files a draft penalty for each submitted "
			"one that broke the policy without an approved exception."
		),
		"V, W",
		automatic=True,
		capability=PRICE_POLICY,
		doctype="Sales Price Policy",
		setting="enable_pricing_policy",
		detection=PRICE_BREACH,
		window_days=365,
		max_fine=5000,
		steps=ladder((WRITTEN_WARNING, 0), (FINE, 500), (FINE, 2000), (SUSPENSION, 3)),
	),
	rule(
		"R10",
		"第十五条",
		_("No gifts, money or kickbacks from customers"),
		"不得收受客户财物",
		GIFTS,
		"销售人员不得利用职务之便收受客户财物、礼品或其他违规款项。",
		"Salespeople take no money, gifts or kickbacks from customers.",
		_("Penalty records under this rule, filed by the manager (gift declarations by hand)."),
		"D",
		capability=CONDUCT_RECORDS,
		doctype="Penalty Record",
		window_days=730,
		max_fine=20000,
		steps=ladder((FINE, 2000), (SUSPENSION, 15), (REFERRAL, 0)),
	),
	rule(
		"R11",
		"第十六条",
		_("Keep company secrets and customer privacy"),
		"保守商业秘密和客户隐私",
		CONFIDENTIALITY,
		"销售人员应保守公司的商业秘密和客户的隐私信息,不得泄露。",
		"Salespeople keep the company's secrets and their customers' privacy.",
		_(
			"Record permissions: salespeople reach their own plans, visits, bids, scorecards and conduct records, "
			"team leaders their team's; conduct records are never shown to peers; bid costs can be hidden from "
			"salespeople."
		),
		"P",
		automatic=True,
		setting="hide_bid_costs_from_salespeople",
		window_days=730,
		max_fine=10000,
		steps=ladder((WRITTEN_WARNING, 0), (FINE, 2000), (SUSPENSION, 7), (REFERRAL, 0)),
	),
	rule(
		"R12",
		"第十九条",
		_("Outstanding performance is rewarded"),
		"表现突出者给予奖励(加薪、奖金)",
		PERFORMANCE,
		"销售人员在工作中表现突出,完成销售任务,将获得相应的奖励,如薪资加薪、奖金等。",
		"Outstanding performance and completed targets are rewarded with raises and bonuses.",
		_(
			"Reward Record (bonus, raise, honour), approved by the sales manager; leadership too above the "
			"settings' amount."
		),
		"D, K",
		automatic=True,
		capability=CONDUCT_RECORDS,
		doctype="Reward Record",
		setting="reward_needing_leadership",
	),
	rule(
		"R13",
		"第二十条",
		_("Violations are punished: warning, fine, suspension"),
		"违反制度者受惩罚:警告、罚款、停职",
		CONDUCT,
		"销售人员在工作中违反本管理规章制度的,将受到相应的惩罚,如警告、罚款、停职等。",
		"Violations of these regulations are punished with warnings, fines or suspension.",
		_(
			"Penalty Record: proposed from the rule's ladder, approved by the sales manager (leadership too for a "
			"suspension or a fine above the settings' amount), acknowledged or appealed by the person concerned."
		),
		"W, D",
		automatic=True,
		capability=CONDUCT_RECORDS,
		doctype="Penalty Record",
		setting="fine_needing_leadership",
	),
	rule(
		"R14",
		"第二十一条",
		_("Rule changes take effect after leadership approves them"),
		"制度修订须经公司领导审核通过后生效",
		CONDUCT,
		"本管理规章制度由销售部负责修订解释,并报公司领导团队审核通过后生效。",
		"The sales department revises these rules; a revision takes effect once company leadership approves it.",
		_(
			"Conduct Rule versions: an edited rule keeps its approved version in force until leadership approves "
			"the new one; every version is kept."
		),
		"W",
		automatic=True,
		capability=CONDUCT_RECORDS,
		doctype="Conduct Rule",
	),
	rule(
		"R15",
		"流程1",
		_("Targets set before each cycle: amount, quantity, market share"),
		"每个销售周期前设定销售目标",
		PERFORMANCE,
		"销售部门在每个销售周期开始前需要设定销售目标。销售目标应该具体、明确,并且与公司整体战略目标相一致。"
		"销售目标应该包括销售额、销售数量、市场份额等指标。",
		"Targets are set before each sales cycle: sales amount, quantity and market share.",
		_("Sales Person targets (ERPNext) and their variance report."),
		"D, R",
		report="Sales Person Target Variance Based On Item Group",
	),
	rule(
		"R16",
		"流程3",
		_("Leads are analysed, followed up and converted"),
		"销售线索的分析、跟进和转化",
		PERFORMANCE,
		"销售部门需要对获取到的销售线索进行管理。销售线索包括潜在客户的联系信息和潜在需求信息。"
		"销售部门需要对销售线索进行分析、跟进和转化,将线索转化为实际的销售机会。",
		"Sales leads are managed, analysed, followed up and converted into opportunities.",
		_("ERPNext Leads and Opportunities."),
		"R",
		doctype="Lead",
	),
	rule(
		"R17",
		"流程4",
		_("Sales activities are planned and carried out"),
		"销售活动的策划和执行",
		PERFORMANCE,
		"销售部门需要根据销售目标,制定销售活动策略和计划。销售活动可以包括产品展示、促销活动、客户拜访等。"
		"销售部门需要制定详细的活动计划,并组织销售人员进行执行。",
		"Sales activities (shows, promotions, visits) are planned from the targets and carried out.",
		_("ERPNext Campaigns; customer visits in visit plans."),
		"D",
		doctype="Campaign",
	),
	rule(
		"R18",
		"流程6 / 范本二.3",
		_("Orders are confirmed and contracts legally reviewed before signing"),
		"订单确认,合同经法务审核后签订",
		PRICING,
		"销售部门需要与客户确认订单,并制定合同。"
		"销售部门将建立规范的合同签订流程,包括商务条款协商、合同起草、法务审核等环节。"
		"销售人员在合同签订过程中需遵守公司的合规政策,并确保合同的合规性和真实性。",
		"Orders are confirmed with the customer and contracts drafted and legally reviewed before signing.",
		_(
			"Orders from the settings' Contract Review Amount need a legal review (the review is not built yet)."
		),
		"W",
		setting="contract_review_amount",
		window_days=365,
		max_fine=3000,
		steps=ladder((WRITTEN_WARNING, 0), (FINE, 500), (FINE, 1500)),
	),
	rule(
		"R19",
		"流程7",
		_("Sales data are analysed and reported on schedule"),
		"按时分析和报告销售数据",
		REPORTING,
		"销售部门需要对销售数据进行分析,并按时提交销售报告。"
		"销售数据分析可以帮助销售部门了解销售情况,找出销售瓶颈,并提出改进措施。",
		"Sales data are analysed and reports handed in on schedule.",
		_("ERPNext Sales Analytics and the department's reports."),
		"R",
		report="Sales Analytics",
	),
	rule(
		"R20",
		"流程8",
		_("Customer relationships are maintained; feedback is used"),
		"维护客户关系,运用客户反馈",
		VISITS,
		"销售部门需要建立和维护良好的客户关系。销售部门需要与客户保持密切的联系,了解客户需求,并及时提供服务和支持。"
		"销售部门还需要根据客户的反馈,改进产品和服务。",
		"Good customer relationships are built and kept; customers' feedback improves products and service.",
		_("Visit records with each visit's outcome and next step."),
		"D, K",
		doctype="Visit Record",
	),
	rule(
		"R21",
		"经理职责1-2",
		_("The manager answers for task completion and the collection rate"),
		"经理对销售任务完成和回款率负责",
		PERFORMANCE,
		"对销售任务的完成情况负责。对回款率的完成情况负责。",
		"The manager answers for the completion of sales targets and for the collection rate.",
		_(
			"Sales Target Achievement: target completion and collection rate per salesperson and team; both are "
			"KPIs of the monthly scorecard."
		),
		"K, R",
		automatic=True,
		capability=SCORECARDS,
		report="Sales Target Achievement",
	),
	rule(
		"R22",
		"经理职责6",
		_("Yearly, monthly, weekly and daily work plans"),
		"制定年度、月度、周、日工作方案",
		REPORTING,
		"负责制定年度工作方案、月度工作方案、周工作方案、日工作方案,监督工作方案的执行及完成情况。",
		"Yearly, monthly, weekly and daily work plans are made and their execution supervised.",
		_("Weekly and monthly visit plans, approved through their workflow."),
		"D, W",
		automatic=True,
		capability=VISIT_PLANS,
		doctype="Visit Plan",
	),
	rule(
		"R23",
		"拜访流程A",
		_("Salespeople make their visit plans from their targets"),
		"销售员制定客户拜访方案",
		VISITS,
		"销售员按照销售考核指标自行和个人月、周和每天的客户拜访方案。",
		"Each salesperson makes monthly, weekly and daily customer visit plans from their targets.",
		_(
			"Visit Plan per salesperson and week or month; Add Due Customers fills in the customers falling due."
		),
		"D",
		doctype="Visit Plan",
	),
	rule(
		"R24",
		"拜访流程B",
		_("Next week's plan is reported at the Saturday meeting"),
		"每周六例会汇报下周拜访方案",
		VISITS,
		"销售员在每周六上午的工作例会上向销售经理汇报下周的客户拜访重点方案情况,并接受销售经理的指导,"
		"并最终确定下周客户拜访与回访的重点。",
		"Next week's visit plan is reported at the Saturday-morning meeting; the manager guides and confirms it.",
		_(
			"Visit Plan Approval: the plan is due before the weekly meeting and approved by the team leader or "
			"the manager; a later one is marked Late."
		),
		"W, S",
		automatic=True,
		capability=VISIT_PLANS,
		doctype="Visit Plan",
		setting="meeting_weekday",
	),
	rule(
		"R25",
		"拜访流程C-D",
		_("Visits are made as planned and recorded truthfully"),
		"按方案拜访并如实记录",
		VISITS,
		"销售员按客户拜访方案对客户进行拜访与回访。在拜访与回访结束后,应将相关信息如实记录。",
		"Visits are made as planned and recorded truthfully.",
		_("Visit Record: no future dates, check-out after check-in, unchangeable once submitted."),
		"V, D",
		automatic=True,
		capability=VISIT_PLANS,
		doctype="Visit Record",
		window_days=365,
		max_fine=3000,
		steps=ladder((WRITTEN_WARNING, 0), (FINE, 500), (SUSPENSION, 3)),
	),
	rule(
		"R26",
		"拜访流程E-F",
		_("This week's visits are reported at the meeting"),
		"例会汇报本周拜访情况",
		REPORTING,
		"销售员在每周六上午的工作例会上将拜访与回访信息向销售经理汇报。销售经理对销售员的工作予以指导和安排。",
		"This week's visits are reported at the meeting; the manager guides the salespeople.",
		_("Weekly Meeting Pack: plan against actual per salesperson."),
		"R",
		report="Weekly Meeting Pack",
	),
	rule(
		"R27",
		"报价流程A",
		_("Inquiries and tenders are reported at once; the manager decides"),
		"询价招标第一时间汇报,经理决定是否参加",
		PRICING,
		"销售员在得到用户询价或招标的信息后第一时间向部门经理汇报,由部门经理决定是否参加比价或投标"
		"〔重大比价或投标需向公司领导请示〕。",
		"An inquiry or tender is reported at once; the manager decides whether to bid, leadership for major "
		"ones; a bid approved only after its submission deadline was reported too late.",
		_(
			"Bid Review: go/no-go by the manager, leadership for major bids; every day the app files a draft "
			"penalty for each bid approved only after its submission deadline."
		),
		"W",
		automatic=True,
		capability=BID_REVIEW,
		doctype="Bid Review",
		setting="major_bid_amount",
		detection=LATE_BID,
		window_days=180,
		max_fine=2000,
		steps=ladder((VERBAL_WARNING, 0), (WRITTEN_WARNING, 0), (FINE, 300)),
	),
	rule(
		"R28",
		"报价流程B-D",
		_("Bids are prepared from supplier prices and reviewed by technical and purchasing"),
		"技术部、采购部审核报价",
		PRICING,
		"根据供货厂家或价格表对询价书或招标书进行整理〔必要时由采购部和技术部协助〕。"
		"技术部对疑难产品的型号、技术参数进行协助和支持。采购部对重点产品的交货期及进货价格进行审核。",
		"Bids are prepared from supplier prices; the technical department checks models and specifications, "
		"purchasing checks lead times and costs.",
		_("Bid Review: the technical and purchasing reviews run in parallel."),
		"W",
		automatic=True,
		capability=BID_REVIEW,
		doctype="Bid Review Kind",
	),
	rule(
		"R29",
		"报价流程E",
		_("The manager reviews the final quote before it is printed"),
		"经理审核最终报价后方可打印",
		PRICING,
		"销售经理对最终报价或标书进行审核〔重大比价或投标需向公司领导请示〕确认前方可进行打印。",
		"The manager reviews the final quotation or bid before it is printed; major ones need leadership.",
		_("A quotation made from a bid cannot be submitted, printed or e-mailed before the bid is approved."),
		"W, V",
		automatic=True,
		capability=BID_REVIEW,
		doctype="Bid Review",
		window_days=365,
		max_fine=3000,
		steps=ladder((WRITTEN_WARNING, 0), (FINE, 500), (FINE, 1500)),
	),
	rule(
		"R30",
		"报价流程F",
		_("A formal quotation or bid is produced, stamped and sent"),
		"制作正规报价单或投标书并盖章发出",
		PRICING,
		"制作出正规的报价单或投标书,装订成册盖章后发出参加比价或投标。",
		"A formal quotation or bid document is produced, bound, stamped and sent.",
		_("The quotation made from the approved bid and its print format."),
		"D",
		doctype="Quotation",
	),
	rule(
		"R31",
		"绩效1",
		_("Annual goals are broken down to each salesperson"),
		"年度目标分解到每个销售人员",
		PERFORMANCE,
		"销售部门每年根据公司整体发展计划确定销售目标,并向销售人员明确传达。销售目标应具体、可衡量,并分解到每个销售人员。",
		"Annual sales goals are set from the company plan and broken down to each salesperson.",
		_("Sales Person targets (ERPNext) and their variance report."),
		"D, R",
		report="Sales Person Target Variance Based On Item Group",
	),
	rule(
		"R32",
		"绩效2",
		_("Performance is evaluated periodically and quantitatively"),
		"定期量化评估绩效",
		PERFORMANCE,
		"销售部门将定期对销售人员的绩效进行评估,以评估标准为依据进行量化评估,"
		"并结合个人销售贡献、客户满意度、销售额增长等指标进行综合评估。",
		"Salespeople are evaluated periodically and quantitatively: contribution, customer satisfaction, growth.",
		_(
			"Sales Scorecard: computed from ERPNext each period (target completion, collection, new customers, "
			"visits, complaints, satisfaction, growth), reviewed by the salesperson, the manager and leadership."
		),
		"K",
		automatic=True,
		capability=SCORECARDS,
		doctype="Sales Scorecard",
	),
	rule(
		"R33",
		"绩效3",
		_("Rewards differ by performance grade; sales contests"),
		"按绩效等级差异化奖励;销售竞赛",
		PERFORMANCE,
		"奖励可以采取货币奖励、福利待遇、荣誉表彰等形式,根据销售人员的绩效等级进行差异化奖励。"
		"同时,销售人员可以参与销售部门的销售竞赛活动,获得额外的奖励。",
		"Rewards (money, benefits, honours) differ by performance grade; sales contests earn more.",
		_(
			"Scorecard grades with a reward suggestion, Scorecard Ranking per salesperson or team for contests; "
			"reward records (bonus, raise, honour)."
		),
		"K, R",
		automatic=True,
		capability=SCORECARDS,
		report="Scorecard Ranking",
	),
	rule(
		"R34",
		"范本二.4",
		_("After-sales: delivery, complaints, satisfaction surveys"),
		"售后服务:交付、投诉处理、满意度调查",
		CONDUCT,
		"销售部门将建立完善的售后服务流程,包括产品交付、投诉处理、客户满意度调查等环节。"
		"销售人员需积极跟进客户的售后需求,及时协调解决问题,并持续关注客户的满意度和反馈。",
		"After-sales service: delivery, complaint handling and satisfaction surveys, followed up by the salesperson.",
		_(
			"ERPNext Issues with their service levels and Quality Feedback; complaints and satisfaction are KPIs "
			"of the salesperson's scorecard."
		),
		"K",
		automatic=True,
		capability=SCORECARDS,
		doctype="Sales Scorecard",
	),
	rule(
		"R35",
		"实施计划(二)",
		_("Monthly targets recorded; attendance and service attitude assessed"),
		"月度目标落实到人;考核出勤、服务质量和工作态度",
		CONDUCT,
		"一是在具体过程中我们会将每个月的销售目标分配到各个销售人员,并且将各个销售人员的业绩做真实的记录。"
		"二是出勤考核,销售部是公司的对外窗口,它既是公司的对外形象又是内部的风标,所以今年我们将会加强出勤制度的考核力度。"
		"三是对服务质量和工作态度进行考核,我们会将请每位顾客填写销售人员的态度和服务质量,并用做评鉴。",
		"Each month's target is assigned to each salesperson and their results recorded truthfully; attendance, "
		"service quality and attitude are assessed.",
		_(
			"Sales Scorecard: each month's target and results per salesperson; attendance and service attitude "
			"rated by the manager. Penalties for attendance or attitude are filed by hand."
		),
		"K",
		automatic=True,
		capability=SCORECARDS,
		doctype="Sales Scorecard",
		window_days=90,
		max_fine=500,
		steps=ladder((VERBAL_WARNING, 0), (WRITTEN_WARNING, 0), (FINE, 100)),
	),
	rule(
		"R36",
		"工作计划 三",
		_("Customers are classified VIP, Level 1, Level 2 and other by annual sales"),
		"按年度销售额将客户分为VIP、一级、二级和其他",
		VISITS,
		"根据度销售额度,对市场进行细分化,将现有客户分为vip用户、一级用户、二级用户和其它用户四大类,"
		"并对各级用户进行全面分析。",
		"Customers are classified VIP / Level 1 / Level 2 / other by their annual sales.",
		_("Customer tiers, classified every day from twelve months of net sales."),
		"S",
		automatic=True,
		capability=VISIT_PLANS,
		doctype="Customer Tier",
	),
	rule(
		"R37",
		"工作计划 四.2",
		_("VIP visited monthly, Level 1 every two months, Level 2 as arranged"),
		"VIP每月拜访,一级每两月拜访,二级另行安排",
		VISITS,
		"为与客户加强信息交流,增近感情,对vip客户每月拜访一次;对一级客户每两月拜访一次;"
		"对于二级客户根据实际情况另行安排拜访时间。",
		"VIP customers are visited monthly, Level 1 every two months, Level 2 as arranged.",
		_(
			"A weekly plan must cover the VIP and Level 1 customers falling due; overdue ones are reported and "
			"their team leader notified."
		),
		"S, V, R",
		automatic=True,
		capability=VISIT_PLANS,
		report="Customer Visit Coverage",
	),
	rule(
		"R38",
		"工作计划 二",
		_("Monthly sales and visit plans at month start; statistics at month end"),
		"月初拟定月度计划,月末统计",
		REPORTING,
		"月初拟定《月销售计划表》和《月访客户计划表》;月末拟定《月销售统计表》和《月访客户统计表》。",
		"At the start of a month its sales and visit plans are made; at its end, its sales and visit statistics.",
		_("Monthly visit plans and the Visit Plan Execution report."),
		"D, R",
		report="Visit Plan Execution",
	),
	rule(
		"R39",
		"五年计划",
		_("Sales grow at least 15 % a year"),
		"销售年复合增长率不低于15%",
		PERFORMANCE,
		"实现持续增长的销售业绩,年复合增长率不低于15%。",
		"Sales grow by at least 15 % a year (compound).",
		_(
			"Sales Target Achievement: growth against the same period a year earlier and the Growth Goal of the "
			"settings; growth is a scorecard KPI."
		),
		"R",
		capability=SCORECARDS,
		report="Sales Target Achievement",
	),
	rule(
		"R40",
		"管理制度及流程 五",
		_("KPIs: task completion, new customers, customer satisfaction"),
		"考核指标:任务完成率、新客户开发数量、客户满意度",
		PERFORMANCE,
		"考核指标包括销售任务完成率、新客户开发数量、客户满意度等。",
		"The KPIs are the sales task completion rate, the number of new customers and customer satisfaction.",
		_(
			"Scorecard Template: the monthly scorecard's weighted KPIs, among them target completion, new "
			"customers and customer satisfaction."
		),
		"K",
		automatic=True,
		capability=SCORECARDS,
		doctype="Scorecard Template",
	),
]

# How a rule is enforced (its control, kinds of control, links, capability, detection) is the app's description
# of itself, not the rulebook's text that leadership approves (R14): a migrate brings the seeded rules' controls
# up to date (setup.install.refresh_rule_controls). CONTROL_FIELDS are those fields; EARLIER_CONTROLS the
# control text an earlier release seeded for each rule whose control changed since. A rule whose control text
# is still that one gets the current control; one an admin rewrote is left as it is.
CONTROL_FIELDS = (
	"control",
	"control_kinds",
	"enforced_automatically",
	"capability",
	"control_doctype",
	"control_report",
	"control_setting",
	"detection",
)
EARLIER_CONTROLS = {
	"R2": "Penalty and reward records proposed from the rulebook's ladders and decided through their workflows; "
	"scorecards to come.",
	"R7": "Complaint escalation is not built yet; penalties are filed by hand.",
	"R11": "Record permissions: salespeople reach their own plans, visits, bids and conduct records, team leaders "
	"their team's; conduct records are never shown to peers.",
	"R21": "ERPNext Accounts Receivable by salesperson; scorecards to come.",
	"R32": "Appraisal scorecards (to come).",
	"R33": "Reward records (bonus, raise, honour); scorecard grades and rankings to come.",
	"R34": "ERPNext Issues; satisfaction in scorecards (to come).",
	"R35": "Scorecards (to come); penalties for attendance or attitude are filed by hand.",
	"R39": "ERPNext Sales Analytics against the goal.",
	"R40": "Scorecards (to come).",
}

# What a control may say is not built yet, by rule (anything else it names is there: tests check it).
NOT_BUILT = {"R4": "a training log", "R18": "the legal contract review"}
