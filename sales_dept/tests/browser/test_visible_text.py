import unittest

from sales_dept.tests.browser.visible_text import (
	EMAIL_FOUND,
	emails,
	english_words,
	findings,
	line_of,
	problems,
)


class TestEnglishWords(unittest.TestCase):
	def test_chinese_text_has_none(self):
		self.assertEqual(english_words("拜访计划 待审批 添加到期客户"), [])

	def test_english_words_are_found_once_in_order(self):
		self.assertEqual(
			english_words("审核：Technical 采购 Purchasing Technical"), ["Technical", "Purchasing"]
		)

	def test_codes_and_document_names_are_no_english(self):
		text = "SAL-QTN-2026-00001 报价单 R8 PE-2026-0003 JM-100 2026-12"
		self.assertEqual(english_words(text), [])

	def test_time_zones_and_paths_are_no_english(self):
		self.assertEqual(english_words("截止时间 12-05-2026 09:00 Asia/Shanghai /app/visit-plan"), [])

	def test_allowed_and_extra_words_pass(self):
		self.assertEqual(english_words("ERPNext CNY 1,000.00 VIP 客户"), [])
		self.assertEqual(english_words("物料 Motor", extra={"Motor"}), [])

	def test_single_letters_are_grades_not_words(self):
		self.assertEqual(english_words("等级 A 90 分"), [])

	def test_units_and_titles_in_english_are_found(self):
		self.assertEqual(english_words("数量 1 Nos"), ["Nos"])
		self.assertEqual(english_words("Monthly Sales Scorecard"), ["Monthly", "Sales", "Scorecard"])

	def test_frappes_untranslatable_texts_pass_as_whole_lines_only(self):
		self.assertEqual(english_words("搜索\nCtrl+K\n通知"), [])
		self.assertEqual(english_words("按 Ctrl+K 搜索"), ["Ctrl"])  # only the shortcut Frappe shows alone

	def test_an_email_is_not_read_as_words(self):
		self.assertEqual(english_words("由 j.chen@journeys.example.com 修改"), [])


class TestEmails(unittest.TestCase):
	def test_addresses_are_found_once(self):
		text = "j.chen@journeys.example.com 修改了 · j.chen@journeys.example.com · 孙丽"
		self.assertEqual(emails(text), ["j.chen@journeys.example.com"])

	def test_names_are_not_addresses(self):
		self.assertEqual(emails("陈晨 修改了此文档 · 2 分钟前"), [])

	def test_an_address_that_is_data_passes_and_a_persons_does_not(self):
		text = "电机异响 · 开 · service@customer.example.com\n由 j.chen@journeys.example.com 修改"
		self.assertEqual(
			[(kind, what) for kind, what, _line in findings(text, {"service@customer.example.com"})],
			[(EMAIL_FOUND, "j.chen@journeys.example.com")],
		)


class TestProblems(unittest.TestCase):
	def test_one_message_per_kind_with_the_line_of_each_finding(self):
		found = problems("Visit Plan 2026\n由 j.sun@journeys.example.com 批准", "the plan")
		self.assertEqual(
			found,
			[
				"English shown to a Chinese user on the plan: Visit ('Visit Plan 2026'), Plan ('Visit Plan 2026')",
				"e-mail addresses shown where names belong on the plan: j.sun@journeys.example.com"
				" ('由 j.sun@journeys.example.com 批准')",
			],
		)

	def test_a_clean_page_has_none(self):
		self.assertEqual(problems("拜访计划 陈晨 2026-12-07 待审批", "the plan"), [])

	def test_the_line_is_cut_around_the_word(self):
		long_line = "甲" * 100 + " null " + "乙" * 100
		self.assertEqual(line_of(long_line, "null", width=10), "null 乙乙乙乙")  # characters 100 to 109
		self.assertEqual(line_of("annulled\nnull here", "null"), "null here")
