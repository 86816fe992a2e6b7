import unittest
from decimal import Decimal

from sales_dept.rules.amount_in_words import (
	chinese_capitals,
	chinese_money_in_words,
	writes_chinese_capitals,
)


class TestChineseCapitals(unittest.TestCase):
	def assertWords(self, cases: dict):
		self.assertEqual({amount: chinese_capitals(amount) for amount in cases}, cases)

	def test_whole_yuan_end_with_zheng(self):
		self.assertWords(
			{
				520_000: "伍拾贰万元整",
				34_200: "叁万肆仟贰佰元整",
				1: "壹元整",
				10: "壹拾元整",  # a leading 1 is written
				15: "壹拾伍元整",
				100: "壹佰元整",
				9_999: "玖仟玖佰玖拾玖元整",
			}
		)

	def test_jiao_and_fen(self):
		self.assertWords(
			{
				1234.50: "壹仟贰佰叁拾肆元伍角",  # no 整 after 角
				15.80: "壹拾伍元捌角",
				100.07: "壹佰元零柒分",  # 零 for the missing 角
				1.23: "壹元贰角叁分",
				0.5: "伍角",
				0.07: "柒分",
				0.35: "叁角伍分",
				0: "零元整",
			}
		)

	def test_one_zero_for_a_run_of_zeros(self):
		self.assertWords(
			{
				10_010: "壹万零壹拾元整",
				1_001: "壹仟零壹元整",
				1_010: "壹仟零壹拾元整",
				100_100: "壹拾万零壹佰元整",
				1_000_100: "壹佰万零壹佰元整",
				105_000: "壹拾万伍仟元整",
				1_000_000: "壹佰万元整",
				10_000_001: "壹仟万零壹元整",
			}
		)

	def test_large_amounts(self):
		self.assertWords(
			{
				100_000_000: "壹亿元整",
				100_000_001: "壹亿零壹元整",
				100_010_000: "壹亿零壹万元整",
				110_000_000: "壹亿壹仟万元整",
				100_001_000: "壹亿零壹仟元整",
				120_034_005: "壹亿贰仟零叁万肆仟零伍元整",
				1_234_567_890.12: "壹拾贰亿叁仟肆佰伍拾陆万柒仟捌佰玖拾元壹角贰分",
				1_000_000_000_000: "壹万亿元整",
				2_000_300_000_000: "贰万零叁亿元整",
			}
		)
		with self.assertRaises(ValueError):
			chinese_capitals(10**16)

	def test_rounded_to_the_fen_half_up(self):
		self.assertEqual(chinese_capitals(Decimal("2.675")), "贰元陆角捌分")
		self.assertEqual(chinese_capitals(0.125), "壹角叁分")
		self.assertEqual(chinese_capitals("1999.999"), "贰仟元整")
		self.assertEqual(chinese_capitals(0.004), "零元整")

	def test_negative_amounts_and_bad_input(self):
		self.assertEqual(chinese_capitals(-34.5), "负叁拾肆元伍角")
		with self.assertRaises(ValueError):
			chinese_capitals("twelve")


class TestMoneyInWords(unittest.TestCase):
	def test_yuan_are_stated_with_the_currency(self):
		self.assertEqual(chinese_money_in_words(520_000, "CNY"), "人民币伍拾贰万元整")
		self.assertEqual(chinese_money_in_words(34_200.0, "cny"), "人民币叁万肆仟贰佰元整")

	def test_other_currencies_are_left_to_their_own_words(self):
		self.assertIsNone(chinese_money_in_words(100, "USD"))
		self.assertIsNone(chinese_money_in_words(100, None))

	def test_readers_of_simplified_chinese_write_them(self):
		self.assertEqual(
			[writes_chinese_capitals(code) for code in ("zh", "zh-CN", "zh-TW", "en", "", None)],
			[True, True, False, False, False, False],
		)
