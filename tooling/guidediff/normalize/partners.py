"""Who a direction cooperates with, read from its title.

``中国和西班牙…`` → 西班牙, ``中德…`` → 德国, ``中国-比利时-南非…`` → 比利时, 南非.
"""

from __future__ import annotations

import re

# Partner names as guidelines print them, longest first when matched. Multilateral mechanisms and
# organisations count as one partner each, as the documents' own totals do.
_NAMES = tuple("""
阿拉伯国家 金砖国家 欧盟 东盟 上海合作组织 上合组织 地球观测组织
国际原子能机构 国际热核聚变实验堆 二十国集团 亚太经合组织 澜湄
中东欧国家 非洲联盟 联合国 美国 加拿大 墨西哥 巴西 阿根廷 智利
秘鲁 古巴 哥伦比亚 委内瑞拉 乌拉圭 英国 法国 德国 意大利 西班牙
葡萄牙 荷兰 比利时 卢森堡 瑞士 奥地利 爱尔兰 冰岛 瑞典 挪威
芬兰 丹麦 波兰 捷克 斯洛伐克 匈牙利 罗马尼亚 保加利亚 希腊
塞浦路斯 马耳他 斯洛文尼亚 克罗地亚 塞尔维亚 黑山 北马其顿
阿尔巴尼亚 波黑 爱沙尼亚 拉脱维亚 立陶宛 俄罗斯 白俄罗斯 乌克兰
摩尔多瓦 格鲁吉亚 亚美尼亚 阿塞拜疆 哈萨克斯坦 乌兹别克斯坦
吉尔吉斯斯坦 塔吉克斯坦 土库曼斯坦 蒙古 日本 韩国 朝鲜 越南 老挝
柬埔寨 泰国 缅甸 马来西亚 新加坡 印度尼西亚 菲律宾 文莱 东帝汶
印度 巴基斯坦 孟加拉国 斯里兰卡 尼泊尔 马尔代夫 阿富汗 伊朗
伊拉克 土耳其 以色列 巴勒斯坦 约旦 黎巴嫩 叙利亚 沙特阿拉伯
阿联酋 卡塔尔 科威特 阿曼 巴林 也门 埃及 利比亚 突尼斯
阿尔及利亚 摩洛哥 苏丹 埃塞俄比亚 肯尼亚 坦桑尼亚 乌干达 卢旺达
尼日利亚 加纳 塞内加尔 科特迪瓦 喀麦隆 安哥拉 莫桑比克 赞比亚
津巴布韦 纳米比亚 博茨瓦纳 南非 马达加斯加 毛里求斯 吉布提
澳大利亚 新西兰 斐济 巴布亚新几内亚
""".split())  # noqa: SIM905
_ABBREVIATIONS = dict(pair.split(":") for pair in """
美:美国 德:德国 法:法国 英:英国 日:日本 韩:韩国 俄:俄罗斯 欧:欧盟
意:意大利 澳:澳大利亚 加:加拿大 以:以色列 蒙:蒙古 埃:埃及 芬:芬兰
奥:奥地利 西:西班牙 匈:匈牙利 白:白俄罗斯 乌:乌兹别克斯坦 新:新加坡
泰:泰国 印:印度 巴:巴西 南:南非
""".split())  # noqa: SIM905
_ORDERED = sorted(_NAMES, key=len, reverse=True)
_FALLBACK_RE = re.compile(
    r"中国\s*[和与同-]\s*([\u4e00-\u9fff]{2,10}?)(?:政府间|科技|联合|产业|合作)")


def partners_of(title: str) -> tuple[str, ...]:
    """Partner names in the order printed; parentheticals (``比利时（瓦隆）``) are ignored."""
    t = re.sub(r"（[^）]{0,200}）|\([^)]{0,200}\)", "", title)
    t = t.replace("中华人民共和国", "").replace("中国", "\0")
    found: list[tuple[int, str]] = []
    taken = [False] * len(t)
    for name in _ORDERED:
        start = t.find(name)
        while start >= 0:  # every occurrence, not overlapping one another
            end = start + len(name)
            if not any(taken[start:end]):
                found.append((start, name))
                for k in range(start, end):
                    taken[k] = True
            start = t.find(name, end)
    if not found:
        abbr = re.match(f"^中([{''.join(_ABBREVIATIONS)}])", title)
        if abbr:
            return (_ABBREVIATIONS[abbr.group(1)],)
        fm = _FALLBACK_RE.search(title)
        return (fm.group(1),) if fm else ()
    return tuple(name for _, name in sorted(found))
