"""The full-text index of what documents.py makes searchable, and `search()`, its query.

Each entry stores its text and the text's terms (analysis.terms in the plan's language:
Voikko's base forms and compound parts for Finnish, Snowball's stems without Voikko and
for Swedish), so that inflected forms find each other ("kiusaamista" finds
"kiusaaminen", "perhekeskuksessa" finds "perhekeskus"). A query is analysed the same
way, in each language, and an entry is found when it has every term of the query in its
own language's analysis.

PostgreSQL: the entry's `vector` holds the text in its language's configuration
(finnish, swedish, english) and the terms in `simple`, with a GIN index; the query is each
word's terms joined by AND (a word is found by its base form, or by all the parts of a
compound: "eroauttaminen" by "eroauttaa", or by "ero" and "auttaa"), or the words as the
language's configuration reads them, ranked with ts_rank. SQLite: an FTS5 table over the
terms, a column per language, kept in step by triggers (migration 0003); MATCH, ranked
with bm25(). search() hides the difference.
"""

import functools
import operator
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import reduce

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.core.paginator import Page, Paginator
from django.db import connection, transaction
from django.db.models import (
    Case,
    Exists,
    F,
    FloatField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from lanu.accounts.permissions import readable_plans
from lanu.followup.models import ActionReport, FollowUpRound
from lanu.followup.published import published
from lanu.plans.models import Action, IndicatorDescription, Organisation, Plan, SubGoal

from . import analysis
from .documents import DOCUMENTS, Document, plan_contents
from .models import SearchEntry

Kind = SearchEntry.Kind
LANGUAGES = ("fi", "sv", "en")
CONFIGURATIONS = {"fi": "finnish", "sv": "swedish", "en": "english"}
PER_PAGE = 20
LONGEST_QUERY = 200  # characters of a query read
MOST_TERMS = 12  # terms of a query matched
SNIPPET_BEFORE, SNIPPET_AFTER = 12, 28  # words shown around the first match
BATCH = 1000


def language_of(entry_language: str) -> str:
    """The index's language of a plan's language: Finnish unless Swedish or English."""
    return entry_language if entry_language in ("sv", "en") else "fi"


# Indexing


def index(kind: str, ids: Iterable[int]) -> None:
    """(Re)index the things of the kind: those without a document leave the index."""
    ids = list(ids)
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        store(kind, chunk, DOCUMENTS[kind](chunk))


def remove(kind: str, ids: Iterable[int]) -> None:
    SearchEntry.objects.filter(kind=kind, object_id__in=list(ids)).delete()


def store(kind: str, ids: list[int], documents: list[Document]) -> None:
    """Replace the entries of the ids by the documents, their terms analysed."""
    with transaction.atomic():
        remove(kind, ids)
        entries = SearchEntry.objects.bulk_create(entry_of(document) for document in documents)
        if connection.vendor == "postgresql":
            update_vectors([entry.pk for entry in entries])


def entry_of(document: Document) -> SearchEntry:
    language = language_of(document.language)
    terms = analysis.terms(document.text, language)
    if language == "fi":
        terms += [term for word in analysis.words(document.text) for term in verbal_parts(word)]
    return SearchEntry(
        kind=document.kind,
        object_id=document.object_id,
        plan_id=document.plan_id,
        organisation_id=document.organisation_id,
        action_id=document.action_id,
        round_id=document.round_id,
        language=document.language,
        title=document.title,
        text=document.text,
        terms=" ".join(terms),
    )


COMPOUND_FORM = "mis"  # a -minen noun as a compound's first part: "eroauttamis|hanke"


@functools.lru_cache(maxsize=100_000)
def verbal_parts(word: str) -> tuple[str, ...]:
    """The base forms of a Finnish compound's first parts that are -minen nouns, which
    Voikko leaves out (it knows no "eroauttamis" alone): "eroauttamishanke" gives
    "eroauttaa", so that "eroauttaminen" finds the MLL's "eroauttamishanke"."""
    analyses = analysis.analyse(word)
    if not analyses:
        return ()
    structure, found, letters = analyses[0].get("STRUCTURE", ""), [], 0
    for n, mark in enumerate(structure):
        if mark == "=" and n and word[:letters].endswith(COMPOUND_FORM):
            genitive = analysis.analyse(word[:letters] + "en")
            if genitive:
                found.append(genitive[0]["BASEFORM"].casefold())
        letters += mark != "="
    return tuple(found)


def update_vectors(pks: list[int]) -> None:
    """PostgreSQL: each entry's tsvector, of its text in its language's configuration and
    of its terms as they are."""
    entries = SearchEntry.objects.filter(pk__in=pks)
    for language, configuration in CONFIGURATIONS.items():
        entries.filter(in_language(language)).update(
            vector=SearchVector("text", config=Value(configuration))
            + SearchVector("terms", config=Value("simple"))
        )


def in_language(language: str) -> Q:
    if language == "fi":
        return ~Q(language__in=["sv", "en"])
    return Q(language=language)


def index_plan(plan_id: int) -> None:
    """Everything of the plan indexed again."""
    for kind, ids in plan_contents(plan_id).items():
        SearchEntry.objects.filter(kind=kind, plan_id=plan_id).delete()
        index(kind, ids)


def index_plan_texts(plan_id: int) -> None:
    """The plan's chapters and indicator texts (an import writes them in bulk, after its
    actions)."""
    index(Kind.PLAN, [plan_id])
    described = IndicatorDescription.objects.filter(plan_id=plan_id)
    index(Kind.INDICATOR, described.values_list("pk", flat=True))


def rebuild() -> int:
    """The whole index built again from the plans: the number of entries."""
    SearchEntry.objects.all().delete()
    for plan_id in Plan.objects.values_list("pk", flat=True):
        index_plan(plan_id)
    return SearchEntry.objects.count()


# Searching


@dataclass
class Filters:
    """What a search is narrowed to: a plan (its slug), an organisation, a goal, the
    status of an action's latest public follow-up report (its level's name)."""

    plan: str = ""
    organisation: int | None = None
    goal: int | None = None
    status: str = ""


@dataclass
class Hit:
    entry: SearchEntry
    kind: str  # the kind's name in the reader's language
    url: str
    title: SafeString
    snippet: SafeString


@dataclass
class OrganisationHits:
    """The hits of one organisation of a plan (None: the plan's own texts) on a page."""

    organisation: Organisation | None
    hits: list[Hit] = field(default_factory=list)


@dataclass
class Group:
    """The hits of one plan on a page, by organisation."""

    plan: Plan
    organisations: list[OrganisationHits] = field(default_factory=list)


@dataclass
class Results:
    query: str
    terms: dict[str, list[str]]  # the query's terms in each language
    words: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)  # by word
    count: int = 0
    page: Page | None = None
    groups: list[Group] = field(default_factory=list)


def query_words(query: str) -> dict[str, list[tuple[str, ...]]]:
    """Each word of the query as its terms (its base form, then a compound's parts), in
    each language."""
    words = list(dict.fromkeys(analysis.words(query[:LONGEST_QUERY])))[:MOST_TERMS]
    return {
        language: [analysis.word_terms(word, language) for word in words] for language in LANGUAGES
    }


def query_terms(query: str) -> dict[str, list[str]]:
    """The query's terms in each language (a compound gives its parts too)."""
    return {
        language: list(dict.fromkeys(term for terms in words for term in terms))
        for language, words in query_words(query).items()
    }


def search(query: str, user, filters: Filters | None = None, page: int = 1, per_page=PER_PAGE):
    """The entries the user may read that have every term of the query, with the
    filters: a Results with one page of hits, grouped by plan and organisation, each
    with a link and its text's matching words marked. A fixed number of queries (3),
    however many are found.

    `user` may be AnonymousUser: then only published plans are searched. Follow-up
    reports are found only once submitted and their round closed (the public rule).
    """
    terms = query_terms(query)
    results = Results(query=query, terms=terms, words=query_words(query))
    if not any(terms.values()):
        return results
    entries = matching(readable(user, filters or Filters()), results.words, query)
    paginator = Paginator(entries, per_page)
    results.page = paginator.get_page(page)
    results.count = paginator.count
    results.groups = grouped(list(results.page.object_list), terms)
    return results


def readable(user, filters: Filters) -> QuerySet[SearchEntry]:
    plans = Plan.objects.filter(readable_plans(user))
    entries = SearchEntry.objects.filter(plan__in=plans)
    entries = entries.filter(Q(round__isnull=True) | Q(round__state=FollowUpRound.State.CLOSED))
    return narrowed(entries, filters)


def narrowed(entries: QuerySet[SearchEntry], filters: Filters) -> QuerySet[SearchEntry]:
    if filters.plan:
        entries = entries.filter(plan__slug=filters.plan)
    if filters.organisation:
        entries = entries.filter(organisation_id=filters.organisation)
    if filters.goal:
        entries = entries.filter(in_goal(filters.goal))
    if filters.status:
        entries = entries.filter(action__in=with_status(filters.status, filters.plan))
    return entries


def in_goal(goal: int) -> Q:
    """The goal, its sub-goals, and the actions (and their reports) serving them."""
    subgoals = SubGoal.objects.filter(goal_id=goal).values("pk")
    served = Action.subgoals.through.objects.filter(subgoal__goal_id=goal).values("action_id")
    return (
        Q(kind=Kind.GOAL, object_id=goal)
        | Q(kind=Kind.SUBGOAL, object_id__in=subgoals)
        | Q(action__in=served)
    )


def with_status(status: str, plan: str) -> QuerySet:
    """The actions whose latest public follow-up report has a status of that name."""
    reports = published(ActionReport.objects.filter(action=OuterRef("pk"), status__isnull=False))
    latest = reports.order_by("-round__year").values("status__name")[:1]
    actions = Action.objects.filter(Exists(reports))
    if plan:
        actions = actions.filter(plan__slug=plan)
    return actions.annotate(latest=Subquery(latest)).filter(latest=status).values("pk")


def matching(entries, terms: dict[str, list[tuple]], query: str) -> QuerySet[SearchEntry]:
    """The entries with all the query's terms, ordered by plan, organisation and rank."""
    if connection.vendor == "postgresql":
        entries = postgresql_matching(entries, terms, query)
    else:
        entries = sqlite_matching(entries, terms)
    entries = entries.select_related("plan", "organisation")
    return entries.order_by("plan__name", "plan_id", "organisation__name", "-rank", "pk")


def postgresql_matching(entries, terms: dict[str, list[tuple]], query: str):
    found, ranks = Q(pk__in=[]), []
    for language, words in terms.items():
        if not words:
            continue
        wanted = reduce(operator.and_, [postgresql_word(word) for word in words])
        wanted |= SearchQuery(query, config=CONFIGURATIONS[language], search_type="plain")
        found |= in_language(language) & Q(vector=wanted)
        ranks.append(When(in_language(language), then=SearchRank(F("vector"), wanted)))
    rank = Case(*ranks, default=Value(0.0), output_field=FloatField())
    return entries.filter(found).annotate(rank=rank)


def postgresql_word(terms: tuple[str, ...]) -> SearchQuery:
    """The word's base form, or all its parts."""
    base = SearchQuery(terms[0], config="simple")
    if len(terms) == 1:
        return base
    return base | reduce(operator.and_, [SearchQuery(t, config="simple") for t in terms[1:]])


def sqlite_matching(entries, terms: dict[str, list[tuple]]):
    """An FTS5 MATCH of each language's words in that language's column, joined by OR."""
    match = " OR ".join(
        f"{language} : ({' AND '.join(sqlite_word(word) for word in words)})"
        for language, words in terms.items()
        if words
    )
    return entries.extra(  # noqa: S610 - the FTS5 table is no model; the match is a parameter
        tables=["search_fulltext"],
        where=["search_fulltext.rowid = search_searchentry.id", "search_fulltext MATCH %s"],
        params=[match],
        select={"rank": "-bm25(search_fulltext)"},
    )


def sqlite_word(terms: tuple[str, ...]) -> str:
    if len(terms) == 1:
        return quoted(terms[0])
    return f"({quoted(terms[0])} OR ({' AND '.join(quoted(term) for term in terms[1:])}))"


def quoted(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


# The hits as a page shows them


def grouped(entries: list[SearchEntry], terms: dict[str, list[str]]) -> list[Group]:
    """The page's entries (ordered by plan and organisation) as hits under their plan and
    organisation."""
    groups: list[Group] = []
    for entry in entries:
        if not groups or groups[-1].plan.pk != entry.plan_id:
            groups.append(Group(plan=entry.plan))
        organisations = groups[-1].organisations
        if not organisations or organisations[-1].organisation != entry.organisation:
            organisations.append(OrganisationHits(entry.organisation))
        wanted = set(terms[language_of(entry.language)])
        organisations[-1].hits.append(hit_of(entry, wanted))
    return groups


def hit_of(entry: SearchEntry, wanted: set[str]) -> Hit:
    language = language_of(entry.language)
    return Hit(
        entry=entry,
        kind=str(entry.get_kind_display()),
        url=url_of(entry),
        title=highlighted(entry.title, language, wanted, whole=True),
        snippet=highlighted(entry.text, language, wanted),
    )


def url_of(entry: SearchEntry) -> str:
    slug = entry.plan.slug
    if entry.kind in (Kind.ACTION, Kind.FOLLOWUP):
        return reverse("plans:action", args=[slug, entry.action_id])
    if entry.kind == Kind.SUBGOAL:
        return reverse("plans:subgoal", args=[slug, entry.object_id])
    plan_url = reverse("plans:plan", args=[slug])
    if entry.kind == Kind.GOAL:
        return f"{plan_url}#goal-{entry.object_id}"
    if entry.kind == Kind.INDICATOR:
        return f"{plan_url}#indicators"
    return plan_url


TOKENS = re.compile(r"([^\W\d_]+)")


def highlighted(text: str, language: str, wanted: set[str], whole: bool = False) -> SafeString:
    """The text escaped, the words whose terms are the query's in <mark>, each followed
    by a visually hidden "(match)" for a screen reader; a window of words around the
    first match unless `whole`."""
    parts = TOKENS.split(" ".join(text.split()))  # even: between words; odd: words
    marked = [i for i in range(1, len(parts), 2) if matches(parts[i], language, wanted)]
    start, end, before, after = 0, len(parts), "", ""
    if not whole:
        first = marked[0] if marked else 1
        start = max(0, first - 2 * SNIPPET_BEFORE)
        end = min(len(parts), first + 2 * SNIPPET_AFTER)
        before = "… " if start > 0 else ""
        after = " …" if end < len(parts) else ""
    hidden = escape(_("(match)"))
    shown = [
        f'<mark>{escape(part)}</mark><span class="visually-hidden"> {hidden}</span>'
        if i in marked
        else escape(part)
        for i, part in enumerate(parts[start:end], start)
    ]
    return mark_safe(before + "".join(shown) + after)  # noqa: S308 - every part escaped


def matches(word: str, language: str, wanted: set[str]) -> bool:
    terms = analysis.terms(word, language)
    if language == "fi":
        terms += [term for folded in analysis.words(word) for term in verbal_parts(folded)]
    return bool(wanted.intersection(terms))
