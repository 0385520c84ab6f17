"""Reading back what the exports wrote, without another library: an XLSX is a zip of XML parts, and the PDF's
text and pages come from poppler's pdftotext and pdftoppm (Debian's poppler-utils)."""

import re
import shutil
import subprocess
import zipfile
from io import BytesIO
from pathlib import Path
from xml.etree import ElementTree  # parses only what our own export just wrote

NS = {
    "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
}
RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def read_xlsx(content: bytes) -> dict[str, dict[str, object]]:
    """{sheet name: {"A1": value, ...}}; numbers as int or float, strings as str."""
    with zipfile.ZipFile(BytesIO(content)) as archive:
        names = archive.namelist()
        shared = []
        if "xl/sharedStrings.xml" in names:
            root = ElementTree.fromstring(archive.read("xl/sharedStrings.xml"))  # noqa: S314
            shared = ["".join(t.text or "" for t in si.iter(f"{{{NS['m']}}}t")) for si in root]
        rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))  # noqa: S314
        targets = {rel.get("Id"): rel.get("Target") for rel in rels.iter(f"{RELS}Relationship")}
        workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))  # noqa: S314
        sheets = {}
        for sheet in workbook.iter(f"{{{NS['m']}}}sheet"):
            target = targets[sheet.get(f"{{{NS['r']}}}id")].lstrip("/")
            path = target if target.startswith("xl/") else f"xl/{target}"
            cells = {}
            for cell in ElementTree.fromstring(archive.read(path)).iter(f"{{{NS['m']}}}c"):  # noqa: S314
                value = cell.find("m:v", NS)
                if value is None:
                    inline = cell.find("m:is/m:t", NS)
                    cells[cell.get("r")] = inline.text if inline is not None else None
                elif cell.get("t") == "s":
                    cells[cell.get("r")] = shared[int(value.text)]
                elif cell.get("t") in ("str", "inlineStr"):
                    cells[cell.get("r")] = value.text
                else:
                    number = float(value.text)
                    cells[cell.get("r")] = int(number) if number.is_integer() else number
            sheets[sheet.get("name")] = cells
        return sheets


def pdf_pages(content: bytes) -> int:
    """Pages in the PDF, from its page tree (reportlab writes one /Type /Page object per page)."""
    return len(re.findall(rb"/Type /Page\b(?!s)", content))


def pdf_text(content: bytes, tmp_path: Path) -> str:
    """The PDF's text, from pdftotext (`.ci/run` installs poppler-utils; a missing tool fails the test)."""
    assert shutil.which("pdftotext"), "pdftotext is missing: install Debian's poppler-utils (.ci/run does)"
    pdf = tmp_path / "text.pdf"
    pdf.write_bytes(content)
    return subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
