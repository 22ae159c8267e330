"""What the web app's own pages say (Chinese, English), beside one another; the reports it
serves word themselves (``render``)."""

from __future__ import annotations

from ..render.i18n import pick

LABELS = {"zh": ("原文", "修改后"), "en": ("old", "new")}  # the two uploads, as reasons name them

TEXT: dict[str, tuple[str, str]] = {
    "title": ("申报指南比较", "Compare guidelines"),
    "intro": ("选择同一指南的两个版本（TXT、DOCX、PDF 或 HTML），比较后可逐处核对变化，"
              "并下载修订版 Word、新旧对照表、变化说明、CSV 与 JSON。文件只在本机处理，"
              "比较后即删除。",
              "Choose two versions of a guideline (TXT, DOCX, PDF or HTML). The comparison "
              "lets you review each change and gives a tracked-changes Word file, a comparison "
              "table, a change memo, CSV and JSON to download. Files are processed on this "
              "computer and deleted afterwards."),
    "old": ("原文（旧版本）", "Old version"),
    "new": ("修改后（新版本）", "New version"),
    "submit": ("比较", "Compare"),
    "working": ("正在比较，请稍候……", "Comparing, please wait…"),
    "corpus": ("语料库历史", "Corpus history"),
    "switch": ("English", "中文"),
    "nav": ("导航", "Navigation"),
    "error": ("无法比较", "Cannot compare"),
    "hint": ("TXT、DOCX、PDF、HTML，每个文件不超过 {} MB",
             "TXT, DOCX, PDF or HTML, at most {} MB each"),
    "missing": ("请选择{}文件", "choose the {} file"),
    "busy": ("服务器正忙，请稍后重试", "the server is busy; please retry shortly"),
    "too_large": ("上传的文件超过 {} 字节的上限", "an upload is over the limit of {} bytes"),
    "too_large_mb": ("{}文件超过 {} MB 的上限", "the {} file is over the limit of {} MB"),
    "offline": ("无法连接本机的比较服务：它可能已停止，请重新启动后重试",
                "cannot reach the comparison service on this computer: it may have stopped; "
                "start it again and retry"),
    "no_site": ("尚无语料库网站：请先运行 guidediff build",
                "no corpus site yet: run guidediff build first"),
    "no_page": ("没有这个页面", "no such page"),
    "gone": ("这次比较的结果已不在本机（已清理或已损坏）：请重新上传两个文件比较",
             "this comparison is no longer kept here (pruned or damaged): upload the two files "
             "again"),
    "method": ("不支持这种请求方式", "method not allowed"),
    "bad_marks": ("核对意见无法读取：{}", "the review marks cannot be read: {}"),
    "back": ("返回比较页", "Back to the compare page"),
    "timeout": ("比较超过 {} 秒仍未完成，已停止", "the comparison took longer than {} s and was "
                "stopped"),
    "died": ("比较意外中止（其工作进程已结束）",
             "the comparison stopped unexpectedly (its worker process ended)"),
    "no_start": ("比较的工作进程未能启动", "the worker process did not start"),
    "compare_tab": ("比较", "Compare"),
    "check_tab": ("校对", "Proofread"),
    "check_title": ("申报指南校对", "Proofread a guideline"),
    "check_intro": ("选择一份指南（TXT、DOCX、PDF 或 HTML），查找其中的疏漏：总数与各方向不符、"
                    "编号跳号或重复、年份未随年度更新、方向内计算不符、邮箱和网址无法使用、括号"
                    "引号未闭合、列表序号与结尾不一致、重复的要求与联系方式。DOCX 文件另可下载"
                    "带批注的副本。文件只在本机处理，校对后即删除。",
                    "Choose a guideline (TXT, DOCX, PDF or HTML) to find its slips: totals that "
                    "disagree with the directions, numbers skipped or used twice, years that did "
                    "not move on, arithmetic that does not add up, e-mails and web addresses "
                    "that cannot work, brackets and quotes left open, lists out of step, "
                    "requirements and contacts stated twice. A DOCX comes back with each finding "
                    "as a Word comment. Files are processed on this computer and deleted "
                    "afterwards."),
    "check_file": ("指南文件", "Guideline"),
    "check_submit": ("校对", "Proofread"),
    "check_error": ("无法校对", "Cannot proofread"),
    "check_label": ("指南", "guideline"),
    "check_gone": ("这次校对的结果已不在本机（已清理或已损坏）：请重新上传文件",
                   "this check is no longer kept here (pruned or damaged): upload the file "
                   "again"),
    "internal": ("内部错误（{}）：这是 guidediff 的缺陷，请连同文件一并报告",
                 "internal error ({}); this is a bug in guidediff, please report it with the "
                 "file"),
}


def t(name: str, lang: str) -> str:
    return pick(TEXT, name, lang)


def texts(lang: str) -> dict[str, str]:
    return {k: t(k, lang) for k in TEXT}
