"""Reminders of a round: asked first, recorded, never twice a day, an invited person's link.

The `people` fixture: alice coordinates "yhteinen"; bob edits Organisaatio 1, charlie
Organisaatio 2; Organisaatio 3 has no editor. Here Organisaatio 1 has submitted, and
Iida, invited as an editor of Organisaatio 2, has not chosen a password yet.
The coordinator reaches everything by links from the plan page, in Finnish.
"""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from lanu.accounts.invitations import create_invited
from lanu.accounts.models import Membership
from lanu.followup.models import ReminderSent, Submission
from lanu.followup.rounds import open_round
from tests.html_links import follow, links
from tests.html_tables import tables

pytestmark = pytest.mark.django_db
SEND = "Lähetä muistutukset…"


@pytest.fixture
def round_(people):
    round_ = open_round(people.plan, 2025, date(2026, 1, 15), date(2026, 3, 31))
    Submission.objects.create(round=round_, organisation=people.first, submitted_by=people.bob)
    invited = create_invited("iida@example.fi")
    invited.first_name = "Iida"
    invited.save()
    Membership.objects.create(
        user=invited, plan=people.plan, role="editor", organisation=people.second
    )
    return round_


LINKS = {
    "fi": ("Kierroksen yleiskuva ja muistutukset", SEND),
    "sv": ("Översikt över omgången och påminnelser", "Skicka påminnelser…"),
}


def confirmation_page(client, people, language="fi"):
    """Plan page → overview → "send reminders", by links only."""
    client.force_login(people.alice)
    with translation.override(language):
        plan = client.get(reverse("plans:plan", args=[people.plan.slug]))
    overview_link, send_link = LINKS[language]
    return follow(client, follow(client, plan, overview_link), send_link)


def confirm(client, page):
    """Post the confirmation page's form, as its button does."""
    with translation.override("fi"):
        form_action = reverse("followup:round-remind", args=["yhteinen", 2025])
    assert 'name="confirm" value="yes"' in page.content.decode()
    return client.post(form_action, {"confirm": "yes"}, follow=True)


def test_the_confirmation_lists_who_gets_what_and_sends_nothing(client, people, round_):
    page = confirmation_page(client, people)
    rows = tables(page)["Kuka saa muistutuksen sähköpostitse"]
    assert rows[1:] == [
        ["Charlie", "Organisaatio 2", "charlie@example.fi", "Raportin osoite"],
        [
            "Iida",
            "Organisaatio 2",
            "iida@example.fi",
            "Linkki salasanan valitsemiseen (kutsuttu, ei ole vielä kirjautunut) ja "
            "raportin osoite",
        ],
    ]
    assert "Organisaatio 3" in page.content.decode()  # named as not reached
    assert "Organisaatio 1" not in str(rows)  # submitted: not reminded
    assert mail.outbox == [] and not ReminderSent.objects.exists()


def test_confirming_sends_records_and_shows_the_sending_on_the_overview(client, people, round_):
    done = confirm(client, confirmation_page(client, people))
    assert sorted(m.to[0] for m in mail.outbox) == ["charlie@example.fi", "iida@example.fi"]
    charlies = next(m for m in mail.outbox if m.to == ["charlie@example.fi"])
    iidas = next(m for m in mail.outbox if m.to == ["iida@example.fi"])
    assert "Raportoi osoitteessa: http://testserver/plans/yhteinen/rounds/2025/" in charlies.body
    assert "salasana" not in charlies.body
    assert "Et ole vielä valinnut salasanaa" in iidas.body
    link = iidas.body.split("Valitse se ensin osoitteessa: ")[1].split()[0]
    assert "/accounts/reset/" in link
    choose = client.get(link.replace("http://testserver", ""), follow=True)
    assert choose.status_code == 200 and "new_password1" in choose.content.decode()

    recorded = ReminderSent.objects.order_by("email")
    assert [(r.email, r.organisation, r.sent_by, r.round) for r in recorded] == [
        ("charlie@example.fi", people.second, people.alice, round_),
        ("iida@example.fi", people.second, people.alice, round_),
    ]
    text = done.content.decode()
    assert "Lähetetyt muistutukset" in text
    assert "vastaanottaja charlie@example.fi (Organisaatio 2), lähettäjä Alice" in text
    assert "vastaanottaja iida@example.fi (Organisaatio 2), lähettäjä Alice" in text


def test_never_twice_to_the_same_person_on_one_day(client, people, round_, monkeypatch):
    confirm(client, confirmation_page(client, people))
    mail.outbox.clear()
    again = confirmation_page(client, people)
    assert "Muistutettu jo tänään" in again.content.decode()
    assert "Kuka saa muistutuksen sähköpostitse" not in again.content.decode()
    assert not [text for text in links(again) if text.startswith("Lähetä")]
    twice = confirm_anyway(client)  # a second tab's old form, posted again
    assert mail.outbox == []
    assert (
        "Muistutettu tällä kierroksella jo tänään, joten ei uudelleen: Charlie"
        in twice.content.decode()
    )
    assert ReminderSent.objects.count() == 2

    tomorrow = timezone.localdate() + timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda: tomorrow)
    confirm_anyway(client)
    assert len(mail.outbox) == 2 and ReminderSent.objects.count() == 4


def third(people):
    return people.plan.organisations.get(name="Organisaatio 3")


def test_a_contact_of_two_organisations_gets_one_e_mail_naming_both(client, people, round_):
    Membership.objects.create(
        user=people.charlie, plan=people.plan, role="editor", organisation=third(people)
    )
    page = confirmation_page(client, people)
    rows = tables(page)["Kuka saa muistutuksen sähköpostitse"]
    assert rows[0][1] == "Kenen raportit"
    assert rows[1][:3] == ["Charlie", "Organisaatio 2, Organisaatio 3", "charlie@example.fi"]
    assert len(rows) == 3  # Charlie once, and Iida
    confirm(client, page)
    charlies = [m for m in mail.outbox if m.to == ["charlie@example.fi"]]
    assert len(charlies) == 1
    assert "\n- Organisaatio 2: 4 toimenpiteestä raportoitu toistaiseksi 0\n" in charlies[0].body
    assert "- Organisaatio 3:" in charlies[0].body
    recorded = ReminderSent.objects.filter(email="charlie@example.fi")
    assert sorted(r.organisation.name for r in recorded) == ["Organisaatio 2", "Organisaatio 3"]


def test_reminded_today_for_one_organisation_is_not_reminded_for_another(client, people, round_):
    """Charlie, reminded this morning, becomes a contact of Organisaatio 3 too: no 2nd e-mail."""
    confirm(client, confirmation_page(client, people))
    Membership.objects.create(
        user=people.charlie, plan=people.plan, role="editor", organisation=third(people)
    )
    mail.outbox.clear()
    again = confirmation_page(client, people)
    skipped = again.content.decode().split("Muistutettu jo tänään")[1]
    assert "Charlie &lt;charlie@example.fi&gt; (Organisaatio 2, Organisaatio 3)" in skipped
    confirm_anyway(client)
    assert mail.outbox == []
    assert ReminderSent.objects.filter(email="charlie@example.fi").count() == 1


def test_reminders_sent_show_in_the_admin(admin_client, people, round_):
    ReminderSent.objects.create(
        round=round_,
        organisation=people.second,
        recipient=people.charlie,
        email="charlie@example.fi",
        sent_on=timezone.localdate(),
        sent_by=people.alice,
    )
    page = admin_client.get(reverse("admin:followup_remindersent_changelist"))
    assert page.status_code == 200 and "charlie@example.fi" in page.content.decode()
    assert admin_client.get(reverse("admin:followup_remindersent_add")).status_code == 403


def confirm_anyway(client):
    with translation.override("fi"):
        url = reverse("followup:round-remind", args=["yhteinen", 2025])
    return client.post(url, {"confirm": "yes"}, follow=True)


def test_e_mails_are_in_finnish_whatever_the_coordinators_language(client, people, round_):
    page = confirmation_page(client, people, "sv")
    assert "Vem får en påminnelse per e-post" in page.content.decode()
    with translation.override("sv"):
        url = reverse("followup:round-remind", args=["yhteinen", 2025])
    client.post(url, {"confirm": "yes"})
    assert mail.outbox and all(m.body.startswith("Hei,") for m in mail.outbox)
    assert all(m.subject.startswith("Muistutus:") for m in mail.outbox)


def test_a_mail_server_refusal_records_nothing_and_can_be_tried_again(
    client, people, round_, monkeypatch
):
    from smtplib import SMTPException

    from django.core.mail.backends.locmem import EmailBackend

    def refuse(self, messages):
        raise SMTPException("421 try again later")

    with monkeypatch.context() as patched:
        patched.setattr(EmailBackend, "send_messages", refuse)
        page = confirm(client, confirmation_page(client, people))
    assert "Muistutuksia ei lähetetty" in page.content.decode()
    assert not ReminderSent.objects.exists() and not mail.outbox
    confirm(client, confirmation_page(client, people))  # the same day, the server back
    assert ReminderSent.objects.exists() and mail.outbox
