"""The articles' light markup, rendered safely: a line "## Heading" starts a section, lines starting with "- " make a
list, blank lines separate paragraphs. Everything else is text (escaped): no HTML from editors reaches a page."""

from dataclasses import dataclass, field

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify


@dataclass
class Section:
    heading: str
    anchor: str
    blocks: list[SafeString] = field(default_factory=list)

    @property
    def html(self) -> SafeString:
        return format_html_join("", "{}", ((block,) for block in self.blocks))


def _blocks(lines: list[str]) -> list[SafeString]:
    blocks, paragraph, items = [], [], []

    def flush():
        if paragraph:
            lines_html = format_html_join(mark_safe("<br>"), "{}", ((p,) for p in paragraph))
            blocks.append(format_html('<p class="utrecht-paragraph">{}</p>', lines_html))
            paragraph.clear()
        if items:
            items_html = format_html_join("", "<li>{}</li>", ((i,) for i in items))
            blocks.append(format_html('<ul class="utrecht-unordered-list">{}</ul>', items_html))
            items.clear()

    for raw in lines:
        line = raw.rstrip()
        if not line.strip():
            flush()
        elif line.lstrip().startswith("- "):
            if paragraph:
                flush()
            items.append(line.lstrip()[2:].strip())
        else:
            if items:
                flush()
            paragraph.append(line.strip())
    flush()
    return blocks


def sections(text: str) -> list[Section]:
    """The article's sections; text before the first heading is a section without a heading."""
    found: list[Section] = []
    current_heading, current_lines, used = "", [], set()

    def close():
        blocks = _blocks(current_lines)
        if current_heading or blocks:
            anchor = slugify(current_heading)[:50] or "inleiding"
            while anchor in used:
                anchor += "-2"
            used.add(anchor)
            found.append(Section(heading=current_heading, anchor=anchor, blocks=blocks))

    for line in (text or "").splitlines():
        if line.startswith("## "):
            close()
            current_heading, current_lines = line[3:].strip(), []
        else:
            current_lines.append(line)
    close()
    return found
