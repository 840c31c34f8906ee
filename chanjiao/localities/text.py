"""Clean a policy document's text for reading: drop what the web page scrape left behind.

The shipped files are kept exactly as scraped (they are the evidence); this runs at display time.
"""

import re

# Lines that are the government website's navigation, not the document.
_RESIDUE = re.compile(
    r"请使用tab按钮切换浏览|扫描二维码|关注我们|^验证码$|^全部评论$|^(文件下载|政策解读)[:：]?$"
    r"|^解读$|^(打印|关闭|关闭窗口|分享|收藏|字号)[:：]?(\s*[大中小])*$"
    r"|^【?\s*(打印本页|关闭窗口|返回顶部)\s*】?$"
)
# An attachment's file name, left under "文件下载".
_ATTACHMENT = re.compile(r"\.(wps|docx?|pdf|xlsx?|ofd|zip)$", re.IGNORECASE)
# The website's metadata table: "发文字号:… | 发布日期:… |".
_TABLE_ROW = re.compile(r"^[^|]*[:：][^|]*\|.*\|\s*$")
_NUMERALS = "一二三四五六七八九十百零〇"
# "（(六)）", "((六))", "（（六））" → "（六）"
_DOUBLED = re.compile(rf"[（(]\s*[（(]\s*([{_NUMERALS}\d]{{1,6}})\s*[)）]\s*[)）]")
# "(六)" written with half-width brackets → "（六）"
_HALF_WIDTH = re.compile(rf"\(([{_NUMERALS}]{{1,6}})\)")
_BLANK_RUN = re.compile(r"\n{3,}")


def clean_bracket_numbers(text: str) -> str:
    """Fix doubled and half-width brackets around clause numbers: ``（(六)）`` → ``（六）``."""
    text = _DOUBLED.sub(r"（\1）", text)
    return _HALF_WIDTH.sub(r"（\1）", text)


def clean_document_text(text: str) -> str:
    """The document as people should read it: no site navigation, one title, tidy brackets."""
    lines: list[str] = []
    for raw in text.replace("\r\n", "\n").split("\n"):
        line = raw.replace("\u3000", " ").rstrip()
        bare = line.strip()
        if _RESIDUE.search(bare) or _ATTACHMENT.search(bare) or _TABLE_ROW.match(bare):
            continue
        if bare and lines and bare == lines[-1].strip():
            continue  # The same line twice (a title repeated by the page layout).
        lines.append(line if bare else "")
    cleaned = "\n".join(lines)
    cleaned = _BLANK_RUN.sub("\n\n", cleaned).strip("\n")
    return clean_bracket_numbers(cleaned)


def parameter_sentence(*, label: str, comparison: str, rule_text: str) -> str:
    """A policy parameter as a sentence: ``企业教育培训经费用于一线职工的比例不低于60%``."""
    label = label.strip()
    if comparison == "eq":
        return f"{label}为{rule_text}"
    if label.endswith(("）", ")", "于", "：")):
        return f"{label.rstrip('：')}：{rule_text}"
    return f"{label}{rule_text}"
