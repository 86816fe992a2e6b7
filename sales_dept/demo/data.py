"""The demo department as data: the company, its people, customers and catalogue (no frappe here).

Names, job titles and products are records of a Chinese company, not interface text: they stay in
Chinese whatever the user's language.
"""

from dataclasses import dataclass

COMPANY = "华信机电有限公司"
COMPANY_ABBR = "HXJD"
BANK_ACCOUNT = "中国工商银行基本户"
CURRENCY = "CNY"
PRICE_LIST = "Standard Selling"

# The company's letter head on printed documents (the formal quotation among them).
LETTER_HEAD = COMPANY
LETTER_HEAD_HTML = (
	'<div style="text-align: center; border-bottom: 2px solid #1f4e79; padding-bottom: 6px;">'
	'<div style="font-size: 22px; font-weight: bold; color: #1f4e79;">华信机电有限公司</div>'
	'<div style="font-size: 11px; color: #555;">电机 · 变频器 · 传感器 · 自动化配套</div>'
	'<div style="font-size: 11px; color: #555;">地址：江苏省苏州市工业园区星湖街 328 号　'
	"电话：0512-6288 1234　传真：0512-6288 1235　邮箱：sales@hxjd.example.com</div>"
	"</div>"
)

# Value-added tax on the company's sales.
VAT, VAT_RATE = "增值税 13%", 13

EMAIL_DOMAIN = "demo-sales.example.com"
PASSWORD = "demo-sales-2026"
USER_LANGUAGE = "zh"

ROOT = "Sales Team"
DEPARTMENT = "销售部"
EAST, SOUTH = "华东团队", "华南团队"
TEAMS = (EAST, SOUTH)

SALES_USER, TEAM_LEADER, SALES_MANAGER = "Sales User", "Sales Team Leader", "Sales Manager"


@dataclass(frozen=True)
class DemoPerson:
	name: str
	login: str
	gender: str
	group: str
	title: str
	roles: tuple[str, ...] = (SALES_USER,)
	leads: str | None = None

	@property
	def email(self) -> str:
		return email_of(self.login)


def email_of(login: str) -> str:
	return f"{login}@{EMAIL_DOMAIN}"


MANAGER = DemoPerson(
	"王芳", "wang.fang", "Female", DEPARTMENT, "销售经理", (SALES_USER, SALES_MANAGER), leads=DEPARTMENT
)
PEOPLE = (
	MANAGER,
	DemoPerson("李强", "li.qiang", "Male", EAST, "华东团队组长", (SALES_USER, TEAM_LEADER), leads=EAST),
	DemoPerson("张伟", "zhang.wei", "Male", EAST, "销售代表"),
	DemoPerson("刘洋", "liu.yang", "Male", EAST, "销售代表"),
	DemoPerson("孙浩", "sun.hao", "Male", EAST, "销售代表"),
	DemoPerson("赵磊", "zhao.lei", "Male", SOUTH, "华南团队组长", (SALES_USER, TEAM_LEADER), leads=SOUTH),
	DemoPerson("陈静", "chen.jing", "Female", SOUTH, "销售代表"),
	DemoPerson("周敏", "zhou.min", "Female", SOUTH, "销售代表"),
)


@dataclass(frozen=True)
class DemoStaff:
	"""Someone outside the sales department whom bids go to: a reviewer, or company leadership. They hold
	the role that the Sales Dept Settings field `role_setting` names."""

	name: str
	login: str
	title: str
	role_setting: str
	gender: str = "Male"

	@property
	def email(self) -> str:
		return email_of(self.login)


STAFF = (
	DemoStaff("郑涛", "zheng.tao", "技术部工程师", "technical_reviewer_role"),
	DemoStaff("黄丽", "huang.li", "采购经理", "purchasing_reviewer_role", "Female"),
	DemoStaff("马建国", "ma.jianguo", "总经理", "leadership_role"),
)

# Every KEY_ACCOUNT_EVERY-th customer is a key account the manager looks after herself.
KEY_ACCOUNT_EVERY = 10
# Why the manager keeps a tier, by rank of tier (0: her key accounts, 1: each salesperson's first customer).
KEPT_TIER_REASONS = (
	"公司重点客户，由销售经理亲自维护，按 VIP 客户管理。",
	"长期合作客户，年度框架采购尚未体现在近十二个月的销售额中。",
)

CUSTOMERS = {
	EAST: (
		"苏州恒达精密机械有限公司",
		"无锡华光自动化设备有限公司",
		"宁波天阳机电科技有限公司",
		"杭州永盛输送设备有限公司",
		"上海浦江包装机械有限公司",
		"南京瑞丰环保设备有限公司",
		"常州金诺纺织机械有限公司",
		"嘉兴宏远塑料机械有限公司",
		"温州瓯江阀门有限公司",
		"绍兴越达印染设备有限公司",
		"合肥科创智能装备有限公司",
		"南通海盛船舶配套有限公司",
		"扬州润泽水处理设备有限公司",
		"徐州金山工程机械配件有限公司",
		"台州鑫源泵业有限公司",
		"湖州长兴电梯部件有限公司",
		"昆山德亿电子科技有限公司",
		"上海申联物流装备有限公司",
		"芜湖皖江汽车零部件有限公司",
		"泰州华泰化工机械有限公司",
		"金华力达五金工具有限公司",
		"镇江宝华起重设备有限公司",
		"盐城新丰农业机械有限公司",
		"上海联和楼宇设备工程有限公司",
		"杭州西子暖通工程有限公司",
		"苏州博远智能科技有限公司",
		"宁波北仑港机维修有限公司",
		"江阴澄江冶金设备有限公司",
		"义乌佳美包装材料有限公司",
		"常熟虞山纺织有限公司",
	),
	SOUTH: (
		"广州穗丰食品机械有限公司",
		"深圳市鹏程精密设备有限公司",
		"东莞市长安模具有限公司",
		"佛山市顺德区嘉利电器有限公司",
		"中山市小榄五金制品有限公司",
		"珠海横琴海洋装备有限公司",
		"惠州市宏图电子有限公司",
		"江门市新会不锈钢制品有限公司",
		"汕头市潮联塑胶机械有限公司",
		"厦门鹭岛自动化工程有限公司",
		"福州闽江水泵有限公司",
		"泉州晋江鞋业机械有限公司",
		"南宁绿城糖业机械有限公司",
		"柳州龙城汽车配件有限公司",
		"海口椰风饮料设备有限公司",
		"长沙湘江起重机械有限公司",
		"深圳市南山智能仓储有限公司",
		"广州白云空调设备有限公司",
		"东莞市松山湖机器人科技有限公司",
		"佛山市南海铝型材有限公司",
		"肇庆市端州陶瓷机械有限公司",
		"清远市华粤建材有限公司",
		"韶关市丹霞矿山机械有限公司",
		"湛江港湾输送设备有限公司",
		"漳州九龙江食品有限公司",
		"桂林漓江制药设备有限公司",
		"深圳市宝安电梯工程有限公司",
		"广州番禺游艇制造有限公司",
		"莆田湄洲湾电力设备有限公司",
		"揭阳市榕城五金有限公司",
	),
}

# Preferred customer group (an ERPNext leaf); any existing leaf is used when it is missing.
CUSTOMER_GROUP = "Commercial"


@dataclass(frozen=True)
class ItemSpec:
	code: str
	group: str
	price: float


MOTORS, DRIVES, SENSORS, ACCESSORIES = "电机", "变频器", "传感器", "配件"
ITEM_GROUP_PARENT = "All Item Groups"
STOCK_UOM = "Nos"

# How many of one item a customer orders at a time: (smallest, largest, step).
ORDER_QTY = {
	MOTORS: (1, 12, 1),
	DRIVES: (1, 12, 1),
	SENSORS: (10, 120, 10),
	ACCESSORIES: (2, 30, 2),
}

ITEMS = (
	ItemSpec("YE3-80M2-4 三相异步电机 0.75kW", MOTORS, 980),
	ItemSpec("YE3-90L-4 三相异步电机 1.5kW", MOTORS, 1380),
	ItemSpec("YE3-112M-4 三相异步电机 4kW", MOTORS, 2560),
	ItemSpec("YE3-132M-4 三相异步电机 7.5kW", MOTORS, 4280),
	ItemSpec("YE3-160M-4 三相异步电机 11kW", MOTORS, 6350),
	ItemSpec("YE3-180L-4 三相异步电机 22kW", MOTORS, 11800),
	ItemSpec("YVF2-132S-4 变频调速电机 5.5kW", MOTORS, 4960),
	ItemSpec("MS-60ST 交流伺服电机 400W", MOTORS, 1150),
	ItemSpec("MS-80ST 交流伺服电机 750W", MOTORS, 1680),
	ItemSpec("HV610-0R7G 通用变频器 0.75kW", DRIVES, 860),
	ItemSpec("HV610-1R5G 通用变频器 1.5kW", DRIVES, 1080),
	ItemSpec("HV610-4R0G 通用变频器 4kW", DRIVES, 1780),
	ItemSpec("HV610-7R5G 通用变频器 7.5kW", DRIVES, 2860),
	ItemSpec("HV610-011G 通用变频器 11kW", DRIVES, 3950),
	ItemSpec("HV610-022G 通用变频器 22kW", DRIVES, 7200),
	ItemSpec("SD700-0R4 伺服驱动器 400W", DRIVES, 1350),
	ItemSpec("PR12-4DN 电感式接近开关 M12", SENSORS, 68),
	ItemSpec("PR18-8DP 电感式接近开关 M18", SENSORS, 85),
	ItemSpec("BJ300-DDT 漫反射光电开关", SENSORS, 120),
	ItemSpec("EB6-1024 增量式编码器 1024线", SENSORS, 460),
	ItemSpec("WZP-PT100 铂电阻温度传感器", SENSORS, 150),
	ItemSpec("PS-10B 压力变送器 0-1.0MPa", SENSORS, 520),
	ItemSpec("LS-500 磁致伸缩位移传感器", SENSORS, 2380),
	ItemSpec("BR-400 激光测距传感器", SENSORS, 1680),
	ItemSpec("DR-1K 变频器制动电阻 1kW", ACCESSORIES, 260),
	ItemSpec("ACL-15 输入电抗器 15A", ACCESSORIES, 420),
	ItemSpec("EMI-20 EMC滤波器 20A", ACCESSORIES, 310),
	ItemSpec("KB-3M 编码器电缆 3m", ACCESSORIES, 95),
	ItemSpec("SV-5M 伺服动力电缆 5m", ACCESSORIES, 180),
	ItemSpec("KP-200 变频器外引键盘", ACCESSORIES, 240),
)
ITEM_GROUPS = tuple(dict.fromkeys(item.group for item in ITEMS))

LOST_REASONS = ("价格高于竞争对手", "交货期不能满足", "客户项目暂停", "客户选择了其他品牌")


@dataclass(frozen=True)
class PolicySpec:
	"""A demo Sales Price Policy: its floor (the largest discount off the list price) and how far a
	salesperson, a team leader and a sales manager may go below the list price on their own (percent)."""

	item_group: str | None  # None: all items
	floor_discount: float
	allowances: tuple[float, float, float]
	notes: str


PRICE_POLICIES = (
	PolicySpec(
		None,
		25,
		(5, 10, 15),
		"全部产品：销售代表让价 5% 以内、组长 10% 以内、销售经理 15% 以内可自行决定，更多须公司领导审批；"
		"底价为标价的 75%。",
	),
	PolicySpec(
		SENSORS,
		15,
		(3, 6, 10),
		"传感器批量供货、毛利较低：销售代表 3%、组长 6%、销售经理 10% 以内，更多须公司领导审批；"
		"底价为标价的 85%。",
	),
)
