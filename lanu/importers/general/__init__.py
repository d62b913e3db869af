"""The general reader: plan documents as municipalities lay them out, in any file type.

    file bytes --(word.py / odt.py / pdf.py / sheets.py)--> Document     (document.py)
    Document + Choices --(reading.read_document)--> Reading              (result.py)

A Reading holds what was found (the tables, each column's role, the goal tree, the
guessed name, period and organisations) and either the plan as `PlanData` or the
problems that keep it from being one. The person (the preview, or the command line's
options) answers what the document does not say, as `Choices`, and the same Document
is read again with them: the file itself is read once.
"""
