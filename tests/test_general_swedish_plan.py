"""A Swedish Word plan in a layout none of the seeds has: a heading per "Fokusområde",
one table per focus area headed Mål | Åtgärd | Ansvarig | Tidtabell | Mätare."""

import docx

from lanu.importers import read_plan

AREAS = [
    (
        "Fokusområde 1 Trygg uppväxt",
        [
            (
                "Barn känner sig trygga i skolan",
                "Antimobbningsprogram i alla skolor",
                "Bildningssektorn",
                "2025–2026",
                "Andel elever som känner sig trygga",
            ),
            (
                "Föräldrar får stöd i tid",
                "Familjerådgivning utan remiss",
                "Socialsektorn",
                "2025",
                "Antal besök",
            ),
        ],
    ),
    (
        "Fokusområde 2 Aktiv fritid",
        [
            (
                "Alla unga har en hobby",
                "Gratis fritidsaktiviteter efter skolan",
                "Fritidssektorn",
                "2026–2028",
                "Andel unga med en hobby",
            ),
        ],
    ),
]


def test_a_swedish_word_plan_reads(tmp_path):
    document = docx.Document()
    document.add_paragraph("Raseborgs stad")
    document.add_paragraph("Välfärdsplan för barn och unga 2025–2028")
    for heading, rows in AREAS:
        document.add_heading(heading, level=1)
        table = document.add_table(rows=1, cols=5)
        for cell, text in zip(
            table.rows[0].cells, ["Mål", "Åtgärd", "Ansvarig", "Tidtabell", "Mätare"], strict=True
        ):
            cell.text = text
        for row in rows:
            for cell, text in zip(table.add_row().cells, row, strict=True):
                cell.text = text
    path = tmp_path / "valfardsplan.docx"
    document.save(path)

    plan = read_plan(path)

    assert [goal.title for goal in plan.goals] == ["Trygg uppväxt", "Aktiv fritid"]
    assert [[sub.title for sub in goal.subgoals] for goal in plan.goals] == [
        ["Barn känner sig trygga i skolan", "Föräldrar får stöd i tid"],
        ["Alla unga har en hobby"],
    ]
    texts = [action.description or " ".join(action.items) for action in plan.actions]
    assert texts == [row[1] for _, rows in AREAS for row in rows]
    assert [action.responsible for action in plan.actions] == [
        row[2] for _, rows in AREAS for row in rows
    ]
    assert [m.text for action in plan.actions for m in action.metrics] == [
        row[4] for _, rows in AREAS for row in rows
    ]
    assert [o.name for o in plan.organisations] == ["Raseborgs stad"]
    assert {action.organisation for action in plan.actions} == {"Raseborgs stad"}
    assert plan.name == "Välfärdsplan för barn och unga 2025–2028"
    assert plan.language == "sv"
    assert (plan.period_start, plan.period_end) == (2025, 2028)
