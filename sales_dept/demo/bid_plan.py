"""The demo's bids, planned in plain Python before anything is written (no frappe here).

A handful of inquiries and tenders of the department, one ending in each state of the bid review: still a
draft, waiting for the go/no-go, in review with one department's review given, sent back after purchasing
asked for changes, waiting for final approval, approved (one with its formal quotation, one won with a sales
order, one lost to a competitor), declined, and a major one that leadership agreed to twice.

Each bid says where it ends; `steps_to` says which steps of the real workflow lead there, in order, and who
takes each (the salesperson, the sales manager, leadership, the technical or the purchasing reviewer). The
same accounts and threshold always give the same plan.
"""

from dataclasses import dataclass, replace
from math import ceil

from sales_dept.demo.data import ITEMS, PRICE_POLICIES, ItemSpec
from sales_dept.demo.plan import Line
from sales_dept.rules.bids import (
	APPROVED,
	DECLINED,
	DRAFT,
	FINAL_APPROVAL,
	GO_NO_GO,
	IN_REVIEW,
	INQUIRY,
	SENT_BACK,
	TENDER,
)

# Where a bid ends: its status, or, for an approved bid, what became of it.
QUOTED, WON, LOST = "Quoted", "Won", "Lost"
ENDS = (DRAFT, GO_NO_GO, IN_REVIEW, SENT_BACK, FINAL_APPROVAL, APPROVED, QUOTED, WON, LOST, DECLINED)

# The steps, each taken by one person through the app's own methods.
HAND_IN = "hand in"  # salesperson: Submit for Go/No-Go
PARTICIPATE = "participate"  # sales manager
LEADERSHIP_PARTICIPATE = "leadership participates"
DECLINE = "decline"  # sales manager, with the reason
TECHNICAL_APPROVES = "technical review approves"
PURCHASING_APPROVES = "purchasing review approves"  # confirming each line's cost and lead time
PURCHASING_ASKS_CHANGES = "purchasing review asks for changes"
REVISE = "revise"  # salesperson: the bid goes back to them (Sent Back)
REQUEST_FINAL_APPROVAL = "request final approval"  # salesperson
APPROVE = "approve"  # sales manager
LEADERSHIP_APPROVES = "leadership approves"
QUOTE = "quote"  # salesperson: the formal quotation made from the bid, submitted
ORDER = "order"  # salesperson: the customer's sales order made from the quotation; the bid is won
LOSE = "lose"  # salesperson: the bid is lost to a competitor

SALESPERSON, SALES_MANAGER, LEADERSHIP = "salesperson", "sales manager", "leadership"
TECHNICAL_REVIEWER, PURCHASING_REVIEWER = "technical reviewer", "purchasing reviewer"
TAKEN_BY = {
	HAND_IN: SALESPERSON,
	PARTICIPATE: SALES_MANAGER,
	LEADERSHIP_PARTICIPATE: LEADERSHIP,
	DECLINE: SALES_MANAGER,
	TECHNICAL_APPROVES: TECHNICAL_REVIEWER,
	PURCHASING_APPROVES: PURCHASING_REVIEWER,
	PURCHASING_ASKS_CHANGES: PURCHASING_REVIEWER,
	REVISE: SALESPERSON,
	REQUEST_FINAL_APPROVAL: SALESPERSON,
	APPROVE: SALES_MANAGER,
	LEADERSHIP_APPROVES: LEADERSHIP,
	QUOTE: SALESPERSON,
	ORDER: SALESPERSON,
	LOSE: SALESPERSON,
}


def steps_to(end: str, major: bool = False) -> tuple[str, ...]:
	"""The steps that take a new bid to `end`; a major bid needs leadership after the manager at the
	go/no-go and at the final approval."""
	if end == DRAFT:
		return ()
	if end == GO_NO_GO:
		return (HAND_IN,)
	if end == DECLINED:
		return (HAND_IN, DECLINE)
	go = (HAND_IN, PARTICIPATE, *((LEADERSHIP_PARTICIPATE,) if major else ()))
	if end == IN_REVIEW:
		return (*go, TECHNICAL_APPROVES)
	if end == SENT_BACK:
		return (*go, TECHNICAL_APPROVES, PURCHASING_ASKS_CHANGES, REVISE)
	reviewed = (*go, TECHNICAL_APPROVES, PURCHASING_APPROVES, REQUEST_FINAL_APPROVAL)
	if end == FINAL_APPROVAL:
		return reviewed
	approved = (*reviewed, APPROVE, *((LEADERSHIP_APPROVES,) if major else ()))
	following = {APPROVED: (), QUOTED: (QUOTE,), WON: (QUOTE, ORDER), LOST: (QUOTE, LOSE)}
	if end not in following:
		raise ValueError(f"no bid ends in {end!r}")
	return (*approved, *following[end])


def status_at(end: str) -> str:
	"""The bid's status once it has reached `end`."""
	return APPROVED if end in (QUOTED, WON, LOST) else end


# The bids
# --------

COST_SHARE = 0.72  # purchasing's cost of an item, as a share of its list price
LEAD_TIME_DAYS = 21
WINNING_PRICE_SHARE = 0.93  # the competitor won at this share of our amount
BID_BOND_SHARE = 0.02  # a tender's bid bond, as a share of the bid, in hundreds of yuan
BID_BOND_DAYS_BEFORE = 2  # the bond is due this many days before the submission deadline
DELIVERY_DAYS = 20  # a won bid's order is delivered this many days after today

# What is said along the way (records of the company, in Chinese whatever the reader's language).
GO_COMMENT = "可以参与。"
TECHNICAL_COMMENT = "型号和技术参数已核对，符合招标/询价要求。"
PURCHASING_COMMENT = "已与供应商确认成本和交期。"
APPROVAL_COMMENT = "同意按此价格报价。"
LEADERSHIP_COMMENT = "公司同意，按评审结果执行。"
QUOTATION_TERMS = (
	"<ol>"
	"<li>以上单价为人民币不含税价，增值税按上表另计，我司开具增值税专用发票；含送货到厂运费。</li>"
	"<li>交货期：合同签订并收到预付款后 15 个工作日内交货。</li>"
	"<li>付款方式：预付 30%，货到验收合格后 30 日内付清余款。</li>"
	"<li>质保期：自验收合格之日起 12 个月。</li>"
	"<li>本报价单经我司盖章后生效，有效期见上。</li>"
	"</ol>"
)


@dataclass(frozen=True)
class BidSpec:
	"""A bid as the demo tells it: who bids for what, where it ends, and what is said along the way.
	`account` is the index of the customer among the salesperson's accounts; None: a public tender
	without a customer yet (only the issuing party)."""

	title: str
	kind: str
	end: str
	sales_person: str
	lines: tuple[tuple[str, int, float], ...]  # item code, quantity, discount percent
	account: int | None = 0
	tender_number: str | None = None
	issuing_party: str | None = None
	deadline_days: int = 14  # from today
	from_opportunity: bool = False
	major: bool = False  # quantities raised until the bid is major
	go_reason: str | None = None  # the manager's reason to take part, or to decline
	changes: str | None = None  # what purchasing asks to change
	competitor: str | None = None
	lost_reason: str | None = None


COMPETITOR = "上海德力电机有限公司"
LOST_REASON = "价格高于竞争对手"

BIDS = (
	BidSpec(
		"包装线伺服系统询价",
		INQUIRY,
		DRAFT,
		"孙浩",
		(("MS-80ST 交流伺服电机 750W", 8, 0), ("SD700-0R4 伺服驱动器 400W", 8, 0)),
	),
	BidSpec(
		"市政排水泵站电机及变频器采购",
		TENDER,
		GO_NO_GO,
		"周敏",
		(("YE3-160M-4 三相异步电机 11kW", 6, 5), ("HV610-011G 通用变频器 11kW", 6, 5)),
		account=None,
		tender_number="DGGZ-2026-0871",
		issuing_party="东莞市公共资源交易中心",
		deadline_days=12,
	),
	BidSpec(
		"输送线改造电机采购",
		TENDER,
		IN_REVIEW,
		"刘洋",
		(("YE3-112M-4 三相异步电机 4kW", 12, 5), ("HV610-4R0G 通用变频器 4kW", 12, 5)),
		tender_number="ZB-2026-1126",
		issuing_party="杭州永盛输送设备有限公司招标办",
		deadline_days=9,
		go_reason="老客户的改造项目，型号常规，参与。",
	),
	BidSpec(
		"注塑机编码器及接近开关询价",
		INQUIRY,
		SENT_BACK,
		"陈静",
		(("EB6-1024 增量式编码器 1024线", 40, 3), ("PR18-8DP 电感式接近开关 M18", 200, 3)),
		changes="编码器现货不足，供应商交期 8 周，超出客户要求的 4 周：请与客户确认交期或减少数量。",
	),
	BidSpec(
		"空压站变频改造询价",
		INQUIRY,
		FINAL_APPROVAL,
		"张伟",
		(("HV610-022G 通用变频器 22kW", 4, 8), ("ACL-15 输入电抗器 15A", 4, 0)),
	),
	BidSpec(
		"污水处理厂提升泵电机采购项目",
		TENDER,
		QUOTED,
		"李强",
		(
			("YE3-132M-4 三相异步电机 7.5kW", 10, 5),
			("HV610-7R5G 通用变频器 7.5kW", 10, 5),
			("DR-1K 变频器制动电阻 1kW", 10, 0),
		),
		tender_number="NJSW-2026-0356",
		issuing_party="南京市水务集团有限公司",
		deadline_days=6,
	),
	BidSpec(
		"食品机械产线驱动系统",
		INQUIRY,
		WON,
		"赵磊",
		(("MS-60ST 交流伺服电机 400W", 16, 5), ("SD700-0R4 伺服驱动器 400W", 16, 5)),
		from_opportunity=True,
	),
	BidSpec(
		"纺织机械电机年度采购",
		TENDER,
		LOST,
		"张伟",
		(("YE3-90L-4 三相异步电机 1.5kW", 30, 5), ("HV610-1R5G 通用变频器 1.5kW", 30, 5)),
		account=1,
		tender_number="CZJN-2026-0092",
		from_opportunity=True,
		competitor=COMPETITOR,
		lost_reason=LOST_REASON,
	),
	BidSpec(
		"化工厂防爆电机招标",
		TENDER,
		DECLINED,
		"周敏",
		(("YE3-180L-4 三相异步电机 22kW", 8, 0),),
		account=1,
		tender_number="ZJHG-2026-0417",
		go_reason="招标要求隔爆型电机，超出我司产品范围，不参与。",
	),
	BidSpec(
		"港口输送系统电机及变频器集中采购",
		TENDER,
		APPROVED,
		"陈静",
		(("YE3-180L-4 三相异步电机 22kW", 20, 5), ("HV610-022G 通用变频器 22kW", 20, 5)),
		account=2,
		tender_number="ZJGK-2026-0033",
		issuing_party="湛江港集团物资采购中心",
		deadline_days=20,
		major=True,
		go_reason="重点项目，金额较大，报公司领导决定。",
	),
)


@dataclass(frozen=True)
class PlannedBid:
	spec: BidSpec
	customer: str | None
	lines: tuple[Line, ...]

	@property
	def amount(self) -> float:
		return sum(line.qty * line.rate for line in self.lines)

	@property
	def bid_bond(self) -> float | None:
		"""A tender's bid bond, in whole hundreds of yuan."""
		return round(self.amount * BID_BOND_SHARE, -2) if self.spec.kind == TENDER else None

	@property
	def winning_price(self) -> float | None:
		"""What the competitor won a lost bid at."""
		return round(self.amount * WINNING_PRICE_SHARE) if self.spec.end == LOST else None


def supplier_cost(price: float) -> float:
	"""Purchasing's cost of an item listed at `price`, in whole yuan."""
	return round(price * COST_SHARE)


def plan_bids(
	accounts: list[tuple[str, str]],
	major_amount: float,
	items: tuple[ItemSpec, ...] = ITEMS,
	bids: tuple[BidSpec, ...] = BIDS,
) -> list[PlannedBid]:
	"""The bids with their customers (the salesperson's accounts, as (customer, salesperson) pairs) and
	lines at list price less the discount; a major bid's quantities are raised, all alike, until its amount
	reaches `major_amount` (and the others must stay below it)."""
	prices = {item.code: item.price for item in items}
	planned = []
	for spec in bids:
		own = [customer for customer, sales_person in accounts if sales_person == spec.sales_person]
		customer = own[spec.account % len(own)] if spec.account is not None and own else None
		lines = tuple(Line(code, qty, prices[code], discount) for code, qty, discount in spec.lines)
		bid = PlannedBid(spec, customer, lines)
		if spec.major and major_amount and bid.amount < major_amount:
			factor = ceil(major_amount / bid.amount)
			bid = replace(bid, lines=tuple(replace(line, qty=line.qty * factor) for line in lines))
		planned.append(bid)
	return planned


SALESPERSON_RANK, TEAM_LEADER_RANK, MANAGER_RANK = 0, 1, 2  # places in a demo policy's allowances


def allowance(item: ItemSpec, rank: int, policies=PRICE_POLICIES) -> float:
	"""How far below the list price the holder of the role at `rank` (salesperson, team leader, sales
	manager) may sell `item` on their own authority, under the demo policy of its group, else the one for
	all items."""
	by_group = {policy.item_group: policy for policy in policies}
	return (by_group.get(item.group) or by_group[None]).allowances[rank]
