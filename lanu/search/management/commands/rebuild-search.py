"""python -m lanu rebuild-search: the full-text index built again from every plan.

Saving, deleting and importing keep the index up to date by themselves; run this once
for plans stored before search came (load-demo runs it), and after Voikko is installed
or removed, since that changes the terms of Finnish texts.
"""

from django.core.management.base import BaseCommand

from lanu.search.fulltext import rebuild


class Command(BaseCommand):
    help = "Build the full-text search index again from every plan."

    def handle(self, *args, **options):
        self.stdout.write(f"{rebuild()} entries indexed")
