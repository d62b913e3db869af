"""Personal data in a free-text answer is found, with its place, for the moderator: what
must be flagged and what must not (years, scores, prices, times, dates, common words)."""

import pytest

from lanu.voice.personal_data import found, found_in

EMAIL, PHONE, CODE, NAME = "email", "phone", "identity_code", "name"


@pytest.mark.parametrize(
    ("text", "kind", "marked"),
    [
        # phone numbers as people write them
        ("soita 040 123 4567 kiitos", PHONE, "040 123 4567"),
        ("numero +358 40 1234567.", PHONE, "+358 40 1234567"),
        ("numero +358401234567", PHONE, "+358401234567"),
        ("puh. 040-1234567", PHONE, "040-1234567"),
        ("0401234567", PHONE, "0401234567"),
        ("(09) 123 4567 on koulun", PHONE, "(09) 123 4567"),
        ("ring 09 1234 5678", PHONE, "09 1234 5678"),
        ("00358 50 123 4567", PHONE, "00358 50 123 4567"),
        ("+358 (0)40 123 4567", PHONE, "+358 (0)40 123 4567"),
        ("050 1234567 10 kertaa", PHONE, "050 1234567"),
        # e-mail addresses
        ("laita viestiä mikko.virtanen@example.fi!", EMAIL, "mikko.virtanen@example.fi"),
        ("a_b+c@koulu.kouvola.fi", EMAIL, "a_b+c@koulu.kouvola.fi"),
        # identity codes with every century mark of 2023, the check character right
        ("hetu 131052-308T", CODE, "131052-308T"),
        ("010203A1230", CODE, "010203A1230"),
        ("minun 150805B4564 on", CODE, "150805B4564"),
        ("311299Y234S", CODE, "311299Y234S"),
        ("241185+111V", CODE, "241185+111V"),
        ("070707X321A", CODE, "070707X321A"),
        ("020210F909T", CODE, "020210F909T"),
        ("131052-308t", CODE, "131052-308t"),
        # first names: capitalised anywhere, lower case, inflected, before a surname
        ("Mikko kiusaa minua", NAME, "Mikko"),
        ("opettaja Liisa ei kuuntele", NAME, "Liisa"),
        ("mikko kiusaa minua", NAME, "mikko"),
        ("kerroin Mikolle asiasta", NAME, "Mikolle"),
        ("se oli Matin idea", NAME, "Matin"),
        ("jag sa det till Eriks mamma", NAME, "Eriks"),
        ("Satu Virtanen on kiva ohjaaja", NAME, "Satu Virtanen"),
        ("eilen Onni itki", NAME, "Onni"),
        ("Anna-Liisa on paras", NAME, "Liisa"),
        ("vi frågade Per om det", NAME, "Per"),
    ],
)
def test_personal_data_is_flagged_where_it_stands(text, kind, marked):
    spans = [span for span in found(text) if span.kind == kind]
    assert [text[span.start : span.end] for span in spans][:1] == [marked]
    assert kind in found_in(text)


@pytest.mark.parametrize(
    "text",
    [
        "Vuonna 2023 oli kivaa, suunnitelma 2020-2024",
        "Annan koululle 10/10 ja kaverille 9/10",
        "Asteikolla 0 1 2 3 4 5 6 7 8 9 10",
        "arvosana 0-10",
        "Lippu maksaa 12,50 € tai 0,50 euroa",
        "Kerho on klo 14.30-16.00 ja 08:15",
        "Tapahtuma 05.12.2024 ja 01-12-2024",
        "Nuorisotalolla käy 1 000 nuorta, 040 kertaa vuodessa",
        "Hinta 1 234 567 euroa",
        "123456-7890 ei ole henkilötunnus",
        "131052-308A ei ole oikea tarkiste",
        "320199-123A ei ole päivä",
        "Onni on tärkeää ja toivon että satu on kiva",
        "Toivon että nuorisotalo on auki",
        "Anna meille lisää kerhoja",
        "Per person fick vi två biljetter, bo i Kotka",
        "Satu oli hyvä",
        "Kouvolassa ja Kotkassa on hyvät harrastukset",
        "Ainoa asia on että koulussa on kivaa",
        "jag bor i Hamina",
        "Lumi sataa, ilo on suuri",
        "email at example dot fi",
        "Max 10 henkeä",
    ],
)
def test_plain_feedback_is_not_flagged(text):
    assert found(text) == []
    assert found_in(text) == []


def test_the_kinds_come_each_once_in_their_order():
    text = "Mikko 040 123 4567 ja mikko@example.fi, 040 765 4321, 131052-308T"
    assert found_in(text) == [EMAIL, PHONE, CODE, NAME]
    assert [span.start for span in found(text)] == sorted(span.start for span in found(text))
