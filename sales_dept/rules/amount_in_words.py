"""An amount of money in Chinese capitals (中文大写金额), as Chinese invoices, cheques and formal quotations
state it: 人民币伍拾贰万元整, 壹仟贰佰叁拾肆元伍角, 壹佰元零柒分.

The rules are the People's Bank of China's for filling in bills and settlement vouchers (支付结算办法, 附一):
the capital digits 零壹贰叁肆伍陆柒捌玖 and units 拾佰仟万亿; a leading 1 is written 壹 (壹拾伍元, not
拾伍元); one 零 stands for any run of zeros between two digits, including across a 万 or 亿 (壹万零壹拾元,
壹亿零壹元); an amount ending at 元 takes 整, one ending at 角 or 分 does not; a 零 before 分 when there are
元 and no 角 (壹佰元零柒分). Amounts are rounded to the fen, half up. ERPNext's own "in words" come from
num2words, which has no Chinese.
"""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

DIGITS = "零壹贰叁肆伍陆柒捌玖"
PLACES = ("仟", "佰", "拾", "")  # the four digits of a group, highest first
LARGEST = 10**16 - 1  # 玖仟…万亿: beyond, Chinese capitals have no unit in common use
# The currencies whose amounts Chinese capitals state (元角分 are the yuan's).
CURRENCY_NAMES = {"CNY": "人民币"}
# The languages (Frappe's codes) written in simplified characters, in which these capitals are the rule.
SIMPLIFIED_CHINESE = frozenset({"zh", "zh-cn", "zh-hans", "zh-sg"})
FEN = Decimal("0.01")


def group_capitals(group: int) -> str:
	"""1..9999 in capitals, without leading zeros: 1010 -> 壹仟零壹拾, 1001 -> 壹仟零壹, 10 -> 壹拾."""
	text, zero = "", False
	for digit, place in zip(f"{group:04d}", PLACES, strict=True):
		if digit == "0":
			zero = bool(text)
			continue
		text += ("零" if zero else "") + DIGITS[int(digit)] + place
		zero = False
	return text


def below_a_yi(number: int) -> str:
	"""0..99999999 in capitals with 万, "" for 0: 10010 -> 壹万零壹拾, 1000100 -> 壹佰万零壹佰."""
	wan, rest = divmod(number, 10_000)
	text = group_capitals(wan) + "万" if wan else ""
	if rest:
		text += ("零" if text and rest < 1000 else "") + group_capitals(rest)
	return text


def integer_capitals(number: int) -> str:
	"""A whole number in capitals, "" for 0: 10010 -> 壹万零壹拾, 100000001 -> 壹亿零壹, 2000300000000 ->
	贰万零叁亿 (the yi counted in wan above 亿)."""
	if number > LARGEST:
		raise ValueError(f"{number} is beyond what Chinese capitals state")
	yi, rest = divmod(number, 10**8)
	text = below_a_yi(yi) + "亿" if yi else ""
	if rest:
		text += ("零" if text and rest < 10**7 else "") + below_a_yi(rest)
	return text


def to_fen(amount) -> int:
	"""`amount` (a number or its text) in fen, rounded half up."""
	try:
		return int(Decimal(str(amount)).quantize(FEN, rounding=ROUND_HALF_UP) * 100)
	except InvalidOperation as error:
		raise ValueError(f"{amount!r} is not an amount") from error


def chinese_capitals(amount) -> str:
	"""`amount` in yuan, jiao and fen, in capitals: 520000 -> 伍拾贰万元整, 1234.5 -> 壹仟贰佰叁拾肆元伍角,
	100.07 -> 壹佰元零柒分, 0.5 -> 伍角, 0 -> 零元整; a negative amount with 负 before it."""
	fen = to_fen(amount)
	sign, fen = ("负" if fen < 0 else ""), abs(fen)
	yuan, cents = divmod(fen, 100)
	jiao, fen = divmod(cents, 10)
	text = integer_capitals(yuan) + ("元" if yuan else "")
	if not cents:
		return sign + (text or "零元") + "整"
	if jiao:
		text += DIGITS[jiao] + "角"
	elif yuan:
		text += "零"
	if fen:
		text += DIGITS[fen] + "分"
	return sign + text


def chinese_money_in_words(amount, currency: str | None) -> str | None:
	"""What a Chinese document writes for `amount` in `currency`: 人民币伍拾贰万元整 for yuan; None for a
	currency that Chinese capitals do not state (the caller shows its own words)."""
	name = CURRENCY_NAMES.get((currency or "").upper())
	return name + chinese_capitals(amount) if name else None


def writes_chinese_capitals(language: str | None) -> bool:
	"""Whether a reader of `language` (zh, zh-CN…) states yuan in these capitals (zh-TW writes others)."""
	return (language or "").lower() in SIMPLIFIED_CHINESE
