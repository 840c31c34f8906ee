"""Test helper: prove that Chinese text in a PDF is drawn with real glyphs, not tofu boxes.

Method: render the page with pypdfium2, cut out each character of a known heading by its
character box, and match every cut-out against reference glyphs of the same characters drawn
by Pillow from the Noto Sans CJK file. Each cut-out must be most similar to the reference of its
own character. Missing-glyph boxes look alike, so they cannot match distinct references: the
check fails when the font is missing or lacks the characters.
"""

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageDraw, ImageFont

NOTO_BOLD = "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"
SC_FACE = 2  # the .ttc's faces are JP, KR, SC, TC, HK
SIZE = 32


def _normalise(image: Image.Image) -> np.ndarray:
    ink = np.asarray(image.convert("L")) < 128
    rows, cols = np.nonzero(ink)
    if not len(rows):
        return np.zeros((SIZE, SIZE))
    box = Image.fromarray(ink[rows.min() : rows.max() + 1, cols.min() : cols.max() + 1])
    cell = np.asarray(box.convert("L").resize((SIZE, SIZE), Image.Resampling.BILINEAR), float)
    cell -= cell.mean()
    norm = np.linalg.norm(cell)
    return cell / norm if norm else cell


def reference_glyph(char: str) -> np.ndarray:
    font = ImageFont.truetype(NOTO_BOLD, 96, index=SC_FACE)
    image = Image.new("L", (128, 128), 255)
    ImageDraw.Draw(image).text((10, 0), char, font=font, fill=0)
    return _normalise(image)


def rendered_glyphs(
    pdf: pdfium.PdfDocument, text: str, *, page_index: int = 0
) -> dict[str, np.ndarray]:
    """Return the rendered bitmap of each distinct character of ``text`` on the page."""
    page = pdf[page_index]
    textpage = page.get_textpage()
    whole = textpage.get_text_range(0, textpage.count_chars())
    start = whole.index(text)
    scale = 4
    bitmap = page.render(scale=scale).to_pil()
    height = page.get_size()[1]
    glyphs: dict[str, np.ndarray] = {}
    for offset, char in enumerate(text):
        left, bottom, right, top = textpage.get_charbox(start + offset)
        crop = bitmap.crop(
            (
                int(left * scale) - 1,
                int((height - top) * scale) - 1,
                int(right * scale) + 1,
                int((height - bottom) * scale) + 1,
            )
        )
        glyphs.setdefault(char, _normalise(crop))
    return glyphs


def best_references(rendered: dict[str, np.ndarray]) -> dict[str, str]:
    """Map each rendered CJK character to the reference character it resembles most."""
    chars = sorted(c for c in rendered if "\u4e00" <= c <= "\u9fff")
    references = {c: reference_glyph(c) for c in chars}
    return {c: max(chars, key=lambda r: float(np.sum(rendered[c] * references[r]))) for c in chars}


def glyph_matches(pdf: pdfium.PdfDocument, text: str) -> dict[str, str]:
    """Map each distinct CJK character of the heading on page 1 to its best reference."""
    return best_references(rendered_glyphs(pdf, text))


def tofu_glyph() -> np.ndarray:
    """The bitmap a missing glyph gives: an empty rectangle."""
    image = Image.new("L", (128, 128), 255)
    ImageDraw.Draw(image).rectangle((20, 10, 100, 118), outline=0, width=6)
    return _normalise(image)
