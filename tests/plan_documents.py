"""Word plans built as people write them, for the readers of Word and OpenDocument files.

`plan_docx` writes one plan: numbered headings of several levels, Finnish and Swedish
text, a table whose goal cell is merged down over three action rows under a header
merged across two columns, bullets in a cell (list style, typed marks and Shift+Enter
lines), a numbered list and an empty row. `PLAN_BODY`, `PLAN_NUMBERS` and
`PLAN_TABLES` are what any reader must find in it.
"""

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

W_NS = nsdecls("w")


def add_list(document, levels: list[tuple[str, str]], restart: bool = False) -> str:
    """A new numbering definition and a list of it; its numId. Each level is
    (numFmt, lvlText), e.g. ("decimal", "%1.%2.")."""
    numbering = document.part.numbering_part.element
    abstract_id = len(numbering.findall(f"{{{numbering.nsmap['w']}}}abstractNum")) + 100
    levels_xml = "".join(
        f'<w:lvl w:ilvl="{index}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/></w:lvl>'
        for index, (fmt, text) in enumerate(levels)
    )
    abstract = parse_xml(
        f'<w:abstractNum {W_NS} w:abstractNumId="{abstract_id}">'
        f'<w:multiLevelType w:val="multilevel"/>{levels_xml}</w:abstractNum>'
    )
    first_num = numbering.find(f"{{{numbering.nsmap['w']}}}num")
    first_num.addprevious(abstract)
    return add_num(document, abstract_id, restart)


def add_num(document, abstract_id: int, restart: bool = False) -> str:
    """A list of a numbering definition, restarting its first level if asked."""
    numbering = document.part.numbering_part.element
    num_id = str(max(int(num.numId) for num in numbering.num_lst) + 1)
    override = (
        '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>' if restart else ""
    )
    numbering.append(
        parse_xml(
            f'<w:num {W_NS} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>'
            f"{override}</w:num>"
        )
    )
    return num_id


def another_list(document, num_id: str, restart: bool = False) -> str:
    """Another list of the same definition as list `num_id` (Word's "Restart numbering"
    makes one that restarts)."""
    numbering = document.part.numbering_part.element
    num = next(num for num in numbering.num_lst if str(num.numId) == num_id)
    return add_num(document, num.abstractNumId.val, restart)


def number(paragraph, num_id: str, ilvl: int = 0):
    """Word's automatic numbering on the paragraph (what the list buttons set)."""
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = ilvl
    num_pr.get_or_add_numId().val = int(num_id)
    return paragraph


def fill(cell, *paragraphs: str, style: str | None = None) -> None:
    """The cell's paragraphs; "\\n" in one is a soft line break (Shift+Enter)."""
    for index, text in enumerate(paragraphs):
        paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
        if style:
            paragraph.style = style
        lines = text.split("\n")
        run = paragraph.add_run(lines[0])
        for line in lines[1:]:
            run.add_break()
            run = paragraph.add_run(line)


def plan_docx(path):
    """The plan as a Word file at `path`."""
    document = docx.Document()
    headings = add_list(document, [("decimal", "%1."), ("decimal", "%1.%2.")])
    document.add_heading("Lasten ja nuorten hyvinvointisuunnitelma 2025–2028", level=0)
    document.add_paragraph("Hyväksytty kunnanvaltuustossa 12.3.2025.")
    number(document.add_heading("Johdanto", level=1), headings)
    number(document.add_heading("Suunnitelman tausta", level=2), headings, 1)
    soft = document.add_paragraph("Ensimmäinen rivi")
    soft.runs[0].add_break()
    soft.add_run("toinen rivi samassa kappaleessa")
    document.add_paragraph("Lapset ja nuoret osallistuvat", style="List Number")
    document.add_paragraph("Perheet saavat tukea ajoissa", style="List Number")
    document.add_paragraph("Päihteetön arki", style="List Bullet")
    number(document.add_heading("Mål och åtgärder", level=2), headings, 1)
    number(document.add_heading("Toimenpiteet", level=1), headings)
    document.add_heading("Delaktighet och inflytande", level=3)
    document.add_paragraph("")  # an empty paragraph is no paragraph
    add_plan_table(document)
    document.add_paragraph("Taulukon jälkeen: seuranta vuosittain.")
    swedish = document.add_table(rows=2, cols=3)
    for cell, text in zip(swedish.rows[0].cells, ["Fokusområde", "Mål", "Åtgärd"], strict=True):
        fill(cell, text)
    for cell, text in zip(swedish.rows[1].cells, ["Hälsa", "Rörelse", "Simskola"], strict=True):
        fill(cell, text)
    document.save(path)
    return path


def add_plan_table(document) -> None:
    table = document.add_table(rows=6, cols=5)
    table.style = "Table Grid"
    header = table.cell(0, 0).merge(table.cell(0, 1))
    fill(header, "Tavoitteet")
    for column, text in enumerate(["Toimenpide", "Vastuutaho", "Mittarit"], 2):
        fill(table.cell(0, column), text)
    goal = table.cell(1, 0).merge(table.cell(3, 0))
    fill(goal, "Osallisuus")
    fill(table.cell(1, 1), "Lapset tulevat kuulluiksi")
    fill(table.cell(1, 2), "- Nuorisovaltuusto kokoontuu\n- Oppilaskunnat kuullaan")
    fill(table.cell(1, 3), "Nuorisopalvelut")
    fill(table.cell(1, 4), "Osallisuuden kokemus", "Äänestysaktiivisuus", style="List Bullet")
    fill(table.cell(2, 1), "Harrastukset")
    fill(table.cell(2, 2), "Harrastamisen Suomen malli", "• Maksuttomat kerhot")
    fill(table.cell(2, 3), "Vapaa-aikapalvelut")
    fill(table.cell(2, 4), "Harrastajien osuus")
    fill(table.cell(3, 1), "Turvallinen arki")
    fill(table.cell(3, 2), "Kiusaamisen vähentäminen")
    fill(table.cell(3, 3), "Opetus ja kasvatus")
    fill(table.cell(5, 0), "Hälsa")
    fill(table.cell(5, 1), "Rörelse för alla")
    fill(table.cell(5, 2), "Simskola för alla barn")
    fill(table.cell(5, 3), "Fritidssektorn")
    fill(table.cell(5, 4), "Andel simkunniga")


# What the plan's body says: (heading level, text, bullet) for each paragraph, and
# "table N" where a table is.
PLAN_BODY = [
    (1, "Lasten ja nuorten hyvinvointisuunnitelma 2025–2028", False),
    (0, "Hyväksytty kunnanvaltuustossa 12.3.2025.", False),
    (1, "Johdanto", False),
    (2, "Suunnitelman tausta", False),
    (0, "Ensimmäinen rivi", False),
    (0, "toinen rivi samassa kappaleessa", False),
    (0, "Lapset ja nuoret osallistuvat", True),
    (0, "Perheet saavat tukea ajoissa", True),
    (0, "Päihteetön arki", True),
    (2, "Mål och åtgärder", False),
    (1, "Toimenpiteet", False),
    (3, "Delaktighet och inflytande", False),
    "table 1",
    (0, "Taulukon jälkeen: seuranta vuosittain.", False),
    "table 2",
]
# The numbers Word draws for the numbered headings and list items.
PLAN_NUMBERS = [
    ("Johdanto", "1"),
    ("Suunnitelman tausta", "1.1"),
    ("Lapset ja nuoret osallistuvat", "1"),
    ("Perheet saavat tukea ajoissa", "2"),
    ("Mål och åtgärder", "1.2"),
    ("Toimenpiteet", "2"),
]
# Each cell as (merged, [(text, bullet), …]).
B = True
PLAN_TABLES = [
    [
        [("", [("Tavoitteet", False)]), ("left", [])]
        + [("", [(text, False)]) for text in ["Toimenpide", "Vastuutaho", "Mittarit"]],
        [
            ("", [("Osallisuus", False)]),
            ("", [("Lapset tulevat kuulluiksi", False)]),
            ("", [("Nuorisovaltuusto kokoontuu", B), ("Oppilaskunnat kuullaan", B)]),
            ("", [("Nuorisopalvelut", False)]),
            ("", [("Osallisuuden kokemus", B), ("Äänestysaktiivisuus", B)]),
        ],
        [
            ("up", []),
            ("", [("Harrastukset", False)]),
            ("", [("Harrastamisen Suomen malli", False), ("Maksuttomat kerhot", B)]),
            ("", [("Vapaa-aikapalvelut", False)]),
            ("", [("Harrastajien osuus", False)]),
        ],
        [
            ("up", []),
            ("", [("Turvallinen arki", False)]),
            ("", [("Kiusaamisen vähentäminen", False)]),
            ("", [("Opetus ja kasvatus", False)]),
            ("", []),
        ],
        [("", [])] * 5,
        [
            ("", [(text, False)])
            for text in [
                "Hälsa",
                "Rörelse för alla",
                "Simskola för alla barn",
                "Fritidssektorn",
                "Andel simkunniga",
            ]
        ],
    ],
    [
        [("", [(text, False)]) for text in ["Fokusområde", "Mål", "Åtgärd"]],
        [("", [(text, False)]) for text in ["Hälsa", "Rörelse", "Simskola"]],
    ],
]


def body(document) -> list:
    """The Document's body as PLAN_BODY writes it."""
    found = []
    for block in document.blocks:
        if block.table is not None:
            found.append(f"table {block.table.number}")
        else:
            paragraph = block.paragraph
            found.append((paragraph.level, paragraph.text, paragraph.bullet))
    return found


def numbers(document) -> list:
    """The Document's numbered paragraphs as PLAN_NUMBERS writes them."""
    found = [block.paragraph for block in document.blocks if block.paragraph is not None]
    return [(paragraph.text, paragraph.number) for paragraph in found if paragraph.number]


def tables(document) -> list:
    """The Document's tables as PLAN_TABLES writes them."""
    return [
        [
            [(cell.merged, [(p.text, p.bullet) for p in cell.paragraphs]) for cell in row]
            for row in table.rows
        ]
        for table in document.tables()
    ]
