"""What readers read: labels in Chinese by default, English on request."""

from __future__ import annotations

KIND_LABELS: dict[str, tuple[str, str]] = {
    "program_added": ("新增方向", "direction added"),
    "program_dropped": ("删除方向", "direction dropped"),
    "title_changed": ("名称调整", "title changed"),
    "agreement_added": ("新增合作协议", "agreement added"),
    "agreement_removed": ("删除合作协议", "agreement removed"),
    "agreement_changed": ("合作协议调整", "agreement changed"),
    "area_added": ("新增领域", "area added"),
    "area_removed": ("删除领域", "area removed"),
    "area_changed": ("领域调整", "area changed"),
    "area_moved": ("领域顺序调整", "area moved"),
    "project_count_changed": ("项目数调整", "project count changed"),
    "budget_changed": ("经费调整", "budget changed"),
    "duration_changed": ("执行期调整", "duration changed"),
    "contact_added": ("新增联系人", "contact added"),
    "contact_removed": ("删除联系人", "contact removed"),
    "contact_changed": ("联系人调整", "contact changed"),
    "link_added": ("新增链接", "link added"),
    "link_removed": ("删除链接", "link removed"),
    "requirement_added": ("新增要求", "requirement added"),
    "requirement_removed": ("删除要求", "requirement removed"),
    "requirement_changed": ("要求调整", "requirement changed"),
    "requirement_moved": ("要求顺序调整", "requirement moved"),
    "text_changed": ("文字调整", "text changed"),
    "document_figure_changed": ("总体数字调整", "document figure changed"),
}

MESSAGES: dict[str, tuple[str, str]] = {
    "directions": ("指南方向", "directions"),
    "matched": ("对应", "matched"),
    "added": ("新增", "added"),
    "dropped": ("删除", "dropped"),
    "changes": ("变化", "changes"),
    "substantive": ("实质性", "substantive"),
    "format_only_hidden": ("仅格式变化（未显示）", "format-only (hidden)"),
    "checks": ("核对", "checks"),
    "stated": ("文件所述", "stated"),
    "computed": ("分方向合计", "computed"),
    "ok": ("一致", "ok"),
    "mismatch": ("不一致", "MISMATCH"),
    "score": ("匹配度", "score"),
    "nearest": ("最接近", "nearest"),
    "figure.directions": ("指南方向数", "directions"),
    "figure.partners": ("合作国家/地区/组织数", "partners"),
    "figure.tasks": ("项目任务数", "tasks"),
    "figure.budget_wan": ("国拨经费总概算", "total budget"),
    "old": ("原文", "old"),
    "new": ("修改后", "new"),
}


def pick(table: dict[str, tuple[str, str]], key: str, lang: str = "zh") -> str:
    """The words of ``key`` in ``table`` (Chinese, English) for ``lang``."""
    zh, en = table[key]
    return zh if lang == "zh" else en


def kind_label(kind: str, lang: str = "zh") -> str:
    return pick(KIND_LABELS, kind, lang)


def t(key: str, lang: str = "zh") -> str:
    return pick(MESSAGES, key, lang)
