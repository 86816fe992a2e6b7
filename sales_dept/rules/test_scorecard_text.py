import unittest

from sales_dept.rules.scorecard_text import (
	BONUS,
	FOR_INFORMATION,
	HONOUR,
	NO_REWARD,
	NOTHING_TO_MEASURE,
	RAISE,
	WAITING_FOR_RATING,
	reward_text,
	shown_reward,
	source_note,
	source_reward,
)

ZH = {
	NO_REWARD: "无奖励",
	RAISE: "加薪",
	BONUS: "奖金：基本工资的 {0} %",
	HONOUR: "荣誉：{0}",
	FOR_INFORMATION: "仅供参考",
	WAITING_FOR_RATING: "等待经理评分",
	NOTHING_TO_MEASURE: "无可计量数据：不计入",
	"Sales Star of the Month": "月度销售之星",
}


def in_chinese(text: str) -> str:
	return ZH.get(text, text)


class TestRewardText(unittest.TestCase):
	def test_stored_in_source_words_whoever_computes_it(self):
		self.assertEqual(reward_text("10", False, None), "Bonus of 10 % of base pay")
		self.assertEqual(
			reward_text("15", True, "Sales Star of the Month"),
			"Bonus of 15 % of base pay; Raise; Honour: Sales Star of the Month",
		)
		self.assertEqual(reward_text(None, False, None), "No reward")

	def test_shown_part_by_part_in_the_readers_language(self):
		stored = reward_text("15", True, "Sales Star of the Month")
		self.assertEqual(shown_reward(stored, in_chinese), "奖金：基本工资的 15 %; 加薪; 荣誉：月度销售之星")
		self.assertEqual(shown_reward("No reward", in_chinese), "无奖励")
		self.assertEqual(shown_reward(stored, lambda text: text), stored)

	def test_an_honour_without_a_translation_is_shown_as_named(self):
		self.assertEqual(shown_reward("Honour: 金牌销售", in_chinese), "荣誉：金牌销售")

	def test_nothing_stored_shows_nothing(self):
		self.assertEqual(shown_reward(None, in_chinese), "")
		self.assertEqual(shown_reward("", in_chinese), "")

	def test_a_part_stored_in_a_translation_is_shown_as_it_is(self):
		self.assertEqual(shown_reward("无奖励", in_chinese), "无奖励")


class TestSourceWords(unittest.TestCase):
	def test_a_reward_stored_in_chinese_gets_its_source_words_back(self):
		self.assertEqual(source_reward("无奖励", ZH), "No reward")
		self.assertEqual(
			source_reward("奖金：基本工资的 15 %; 加薪; 荣誉：月度销售之星", ZH),
			"Bonus of 15 % of base pay; Raise; Honour: Sales Star of the Month",
		)

	def test_a_reward_in_source_words_or_unknown_stays(self):
		stored = "Bonus of 10 % of base pay; Raise"
		self.assertEqual(source_reward(stored, ZH), stored)
		self.assertEqual(source_reward("荣誉：金牌销售", ZH), "Honour: 金牌销售")
		self.assertEqual(source_reward("something else", ZH), "something else")
		self.assertIsNone(source_reward(None, ZH))

	def test_a_note_stored_in_chinese_gets_its_source_words_back(self):
		self.assertEqual(source_note("无可计量数据：不计入", ZH), NOTHING_TO_MEASURE)
		self.assertEqual(source_note("等待经理评分", ZH), WAITING_FOR_RATING)
		self.assertEqual(source_note(FOR_INFORMATION, ZH), FOR_INFORMATION)
		self.assertEqual(source_note("自己写的", ZH), "自己写的")
		self.assertIsNone(source_note(None, ZH))
