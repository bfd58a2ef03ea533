"""Stammdaten pages: partners, contact persons, topics, target groups, languages, funding lines.

Who may use them, create/edit/archive/delete through the real pages, archived items vanish from
the choices but stay on their events, deleting an item in use is refused saying where, two people
editing the same item do not overwrite each other, and every change is audited."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from audit.models import Entry
from events.models import Contact, Event, FundingLine, Language, Partner, TargetGroup, Topic
from events.testing import make_contact, make_event, make_language, make_partner, make_target_group, make_topic

pytestmark = pytest.mark.django_db

KINDS = {
    "kooperationspartner": (Partner, {"name": "Initiative Willkommen Zittau", "website": "https://zittau.example"}),
    "ansprechpersonen": (Contact, {"role": "Projektbüro Leipzig", "email": "leipzig@example.org", "phone": "0341 1"}),
    "themen": (Topic, {"name": "Arbeitsmarkt", "name_en": "Labour market"}),
    "zielgruppen": (TargetGroup, {"name": "Hauptamtliche", "name_en": "Professionals"}),
    "sprachen": (Language, {"code": "ar", "name": "Arabisch", "name_en": "Arabic"}),
    "foerderlinien": (
        FundingLine,
        {"name": "Landesprogramm 2026", "text": "Gefördert im Rahmen des Programms X durch Y.", "text_en": ""},
    ),
}


def make_item(kind, **changes):
    model, data = KINDS[kind]
    data = {**data, **changes}
    if model in (Topic, TargetGroup):
        data["slug"] = data["name"].lower()
    return model.objects.create(**data)


def pages(kind, pk):
    base = f"/team/stammdaten/{kind}/"
    return {
        "overview": ("get", "/team/stammdaten/"),
        "list": ("get", base),
        "create": ("get", base + "neu/"),
        "edit": ("get", f"{base}{pk}/"),
        "delete": ("get", f"{base}{pk}/loeschen/"),
        "archive": ("post", f"{base}{pk}/archivieren/"),
        "unarchive": ("post", f"{base}{pk}/zurueckholen/"),
    }


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("persona", ["admin", "team"])
def test_admin_and_team_may_use_every_page(client, login_as, request, persona, kind):
    login_as(request.getfixturevalue(persona))
    item = make_item(kind)
    for name, (method, url) in pages(kind, item.pk).items():
        response = getattr(client, method)(url)
        assert response.status_code == (302 if method == "post" else 200), (name, url)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("persona", ["trainer_a", "partner_with_names", "multiplier", "anonymous"])
def test_other_roles_are_refused(client, login_as, request, persona, kind):
    login_as(request.getfixturevalue(persona))
    item = make_item(kind)
    for name, (method, url) in pages(kind, item.pk).items():
        response = getattr(client, method)(url)
        if persona == "anonymous":
            assert response.status_code == 302 and "/konto/anmelden/" in response["Location"], (name, url)
        else:
            assert response.status_code == 403, (name, url)
    item.refresh_from_db()
    assert not item.archived
    assert not Entry.objects.filter(action__startswith="reference.").exists()


def test_unknown_kind_is_not_found(client, team, login_as):
    login_as(team)
    assert client.get("/team/stammdaten/personen/").status_code == 404


def test_menu_and_overview_lead_to_every_kind_and_the_venues(client, team, login_as):
    login_as(team)
    page = client.get("/team/").content.decode()
    assert 'href="/team/stammdaten/"' in page and "Stammdaten" in page
    page = client.get("/team/stammdaten/").content.decode()
    for kind in KINDS:
        assert f'href="/team/stammdaten/{kind}/"' in page
    assert 'href="/team/orte/"' in page


@pytest.mark.parametrize("kind", KINDS)
def test_create_and_edit_through_the_pages_are_audited(client, team, login_as, kind):
    login_as(team)
    model, data = KINDS[kind]
    response = client.post(f"/team/stammdaten/{kind}/neu/", data)
    assert response.status_code == 302 and response["Location"] == f"/team/stammdaten/{kind}/"
    item = model.objects.get()
    first_field = next(iter(data))
    assert str(getattr(item, first_field)) == data[first_field]
    text_field = "role" if model is Contact else "name"
    response = client.post(
        f"/team/stammdaten/{kind}/{item.pk}/", {**data, text_field: "Neuer Name", "version": item.version}
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert getattr(item, text_field) == "Neuer Name" and item.version == 2
    entries = Entry.objects.filter(target_type=model._meta.label_lower, target_id=str(item.pk)).order_by("id")
    assert [(e.action, e.actor_id) for e in entries] == [("reference.created", team.pk), ("reference.changed", team.pk)]
    assert entries[1].details == {"fields": [text_field]}
    page = client.get(f"/team/stammdaten/{kind}/").content.decode()
    assert "Neuer Name" in page


def test_bad_input_keeps_what_was_typed_and_says_what_to_fix(client, team, login_as):
    login_as(team)
    body = client.post(
        "/team/stammdaten/ansprechpersonen/neu/", {"role": "Projektbüro", "email": "kein-at", "phone": "0351 2"}
    ).content.decode()
    assert "Geben Sie eine E-Mail-Adresse wie team@example.org ein." in body
    assert 'value="Projektbüro"' in body and 'value="kein-at"' in body
    body = client.post("/team/stammdaten/sprachen/neu/", {"code": "Arabisch", "name": "Arabisch"}).content.decode()
    assert "Sprachcode mit zwei oder drei Buchstaben" in body and 'value="Arabisch"' in body
    make_partner("Flüchtlingsrat")
    body = client.post("/team/stammdaten/kooperationspartner/neu/", {"name": "Flüchtlingsrat"}).content.decode()
    assert "Diese Kooperationspartner_in gibt es schon." in body
    assert not Contact.objects.exists() and not Language.objects.exists() and Partner.objects.count() == 1


def test_renaming_a_topic_keeps_its_slug_so_filter_addresses_keep_working(client, team, login_as):
    login_as(team)
    client.post("/team/stammdaten/themen/neu/", {"name": "Asylverfahren", "name_en": ""})
    topic = Topic.objects.get()
    assert topic.slug == "asylverfahren"
    make_event(title="Schulung Asyl", topics=[topic])
    client.post(f"/team/stammdaten/themen/{topic.pk}/", {"name": "Asyl- und Aufenthaltsrecht", "version": 1})
    topic.refresh_from_db()
    assert topic.name == "Asyl- und Aufenthaltsrecht" and topic.slug == "asylverfahren"
    page = client.get("/veranstaltungen/?thema=asylverfahren").content.decode()
    assert "Schulung Asyl" in page and "Asyl- und Aufenthaltsrecht" in page
    # A second topic of the same name gets a slug of its own.
    client.post("/team/stammdaten/themen/neu/", {"name": "Asylverfahren"})
    assert Topic.objects.get(name="Asylverfahren").slug == "asylverfahren-2"


def test_the_language_code_cannot_change_on_edit(client, team, login_as):
    login_as(team)
    language = make_language("fa", "Persisch", "Persian")
    client.post(f"/team/stammdaten/sprachen/{language.pk}/", {"code": "xx", "name": "Farsi", "version": 1})
    language.refresh_from_db()
    assert language.code == "fa" and language.name == "Farsi"


def test_two_people_editing_the_same_item_do_not_overwrite_each_other(client, team, admin, login_as):
    topic = make_topic()
    login_as(team)
    opened = client.get(f"/team/stammdaten/themen/{topic.pk}/").content.decode()
    assert 'name="version" value="1"' in opened
    # Meanwhile an admin saves.
    login_as(admin)
    client.post(f"/team/stammdaten/themen/{topic.pk}/", {"name": "Asylrecht", "name_en": "Asylum law", "version": 1})
    login_as(team)
    response = client.post(
        f"/team/stammdaten/themen/{topic.pk}/", {"name": "Asylverfahren (Grundlagen)", "name_en": "", "version": 1}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Jemand hat diesen Eintrag gespeichert, während Sie ihn bearbeitet haben." in body
    assert 'value="Asylverfahren (Grundlagen)"' in body and "„Asylrecht“ bearbeiten" in body
    assert "Unterschiede zur gerade gespeicherten Fassung" in body
    assert '<td data-label="Gespeichert">Asylrecht</td>' in body
    assert '<td data-label="Ihre Eingabe">Asylverfahren (Grundlagen)</td>' in body
    assert 'name="version" value="2"' in body
    topic.refresh_from_db()
    assert topic.name == "Asylrecht" and topic.version == 2
    # Saving again on purpose takes the input over.
    client.post(f"/team/stammdaten/themen/{topic.pk}/", {"name": "Asylverfahren (Grundlagen)", "version": 2})
    topic.refresh_from_db()
    assert topic.name == "Asylverfahren (Grundlagen)" and topic.version == 3
    assert Entry.objects.filter(action="reference.changed").count() == 2


def test_archived_topic_leaves_the_choices_but_stays_on_old_events(client, team, login_as):
    login_as(team)
    old_topic, other = make_topic(), make_topic("familie", "Familiennachzug", "Family reunification")
    old = make_event(title="Schulung mit altem Thema", topics=[old_topic])
    fresh = make_event(title="Neue Schulung", status="draft")
    response = client.post(f"/team/stammdaten/themen/{old_topic.pk}/archivieren/")
    assert response.status_code == 302
    old_topic.refresh_from_db()
    assert old_topic.archived

    catalogue = client.get("/veranstaltungen/").content.decode()
    assert 'value="asylverfahren"' not in catalogue and 'value="familie"' in catalogue
    assert "Asylverfahren" in client.get(old.get_absolute_url()).content.decode()

    form = client.get(f"/team/veranstaltungen/{fresh.pk}/bearbeiten/").content.decode()
    assert f'name="topics" value="{old_topic.pk}"' not in form and f'name="topics" value="{other.pk}"' in form
    form = client.get(f"/team/veranstaltungen/{old.pk}/bearbeiten/").content.decode()
    assert f'name="topics" value="{old_topic.pk}"' in form  # the event keeps what it has
    list_page = client.get("/team/stammdaten/themen/").content.decode()
    assert "archiviert" in list_page

    client.post(f"/team/stammdaten/themen/{old_topic.pk}/zurueckholen/")
    assert 'value="asylverfahren"' in client.get("/veranstaltungen/").content.decode()
    assert list(
        Entry.objects.filter(action__startswith="reference.").order_by("id").values_list("action", flat=True)
    ) == [
        "reference.archived",
        "reference.unarchived",
    ]
    assert other.events.count() == 0


def test_archived_contact_and_funding_line_cannot_be_picked_for_a_new_event(client, team, login_as):
    login_as(team)
    contact, funding = make_contact(), make_item("foerderlinien")
    Contact.objects.filter(pk=contact.pk).update(archived=True)
    FundingLine.objects.filter(pk=funding.pk).update(archived=True)
    page = client.get("/team/veranstaltungen/neu/").content.decode()
    assert "Projektteam Support für Initiative" not in page and "Landesprogramm 2026" not in page


def test_delete_is_refused_while_in_use_and_says_where(client, team, login_as):
    login_as(team)
    topic = make_topic()
    events = [make_event(title=f"Schulung {n}", topics=[topic]) for n in range(3)]
    page = client.get(f"/team/stammdaten/themen/{topic.pk}/loeschen/").content.decode()
    assert "Wird von 3 Veranstaltungen verwendet:" in page
    for event in events:
        assert f'href="/team/veranstaltungen/{event.pk}/"' in page and event.title in page
    response = client.post(f"/team/stammdaten/themen/{topic.pk}/loeschen/")
    assert response.status_code == 200 and "kann nicht gelöscht werden" in response.content.decode()
    assert Topic.objects.filter(pk=topic.pk).exists()
    assert not Entry.objects.filter(action="reference.deleted").exists()


def test_partner_with_accounts_is_in_use(client, team, login_as, partner_with_names):
    login_as(team)
    partner = partner_with_names.partner_organisation
    page = client.get(f"/team/stammdaten/kooperationspartner/{partner.pk}/loeschen/").content.decode()
    assert "Gehört zu 1 Partner-Konto." in page
    client.post(f"/team/stammdaten/kooperationspartner/{partner.pk}/loeschen/")
    assert Partner.objects.filter(pk=partner.pk).exists()


def test_contact_and_funding_line_in_use_by_one_event_are_kept(client, team, login_as):
    login_as(team)
    funding = make_item("foerderlinien")
    event = make_event(title="Schulung Meißen")
    Event.objects.filter(pk=event.pk).update(funding_line=funding)
    for kind, item in (("ansprechpersonen", event.contact), ("foerderlinien", funding)):
        page = client.post(f"/team/stammdaten/{kind}/{item.pk}/loeschen/").content.decode()
        assert "Wird von 1 Veranstaltung verwendet:" in page and "Schulung Meißen" in page
        assert type(item).objects.filter(pk=item.pk).exists()


@pytest.mark.parametrize("kind", KINDS)
def test_unused_item_is_deleted_and_audited(client, team, login_as, kind):
    login_as(team)
    item = make_item(kind)
    page = client.get(f"/team/stammdaten/{kind}/{item.pk}/").content.decode()
    assert "Wird nirgends verwendet." in page and f"/team/stammdaten/{kind}/{item.pk}/loeschen/" in page
    response = client.post(f"/team/stammdaten/{kind}/{item.pk}/loeschen/")
    assert response.status_code == 302
    assert not type(item).objects.filter(pk=item.pk).exists()
    entry = Entry.objects.get(action="reference.deleted")
    assert entry.target_id == str(item.pk) and entry.actor == team


def build(kind, n):
    model, _data = KINDS[kind]
    item = make_item(kind, **({"role": f"Büro {n:02d}"} if model is Contact else {"name": f"Eintrag {n:02d}"}))
    if model is Language:
        Language.objects.filter(pk=item.pk).update(code=f"x{n:02d}")
    return item


@pytest.mark.parametrize("kind", KINDS)
def test_lists_need_the_same_number_of_queries_for_one_and_many_rows(client, team, login_as, kind):
    login_as(team)
    model, _data = KINDS[kind]
    first = build(kind, 0)
    with CaptureQueriesContext(connection) as one:
        client.get(f"/team/stammdaten/{kind}/")
    for n in range(1, 30):
        item = build(kind, n)
        event = make_event(title=f"Schulung {n}")
        if model is Contact:
            Event.objects.filter(pk=event.pk).update(contact=item)
        elif model is FundingLine:
            Event.objects.filter(pk=event.pk).update(funding_line=item)
        else:
            item.events.add(event)
    with CaptureQueriesContext(connection) as many:
        page = client.get(f"/team/stammdaten/{kind}/").content.decode()
    assert str(first) in page or first.name in page
    assert len(many) == len(one)


def test_team_creates_a_contact_from_the_event_form_and_picks_it(client, team, login_as):
    login_as(team)
    event = make_event(status="draft", title="Entwurf ohne Ansprechperson")
    Event.objects.filter(pk=event.pk).update(contact=None)
    edit = f"/team/veranstaltungen/{event.pk}/bearbeiten/"
    page = client.get(edit).content.decode()
    assert "Ansprechperson fehlt? Neue Ansprechperson anlegen" in page
    assert f"/team/stammdaten/ansprechpersonen/neu/?next={edit}" in page
    response = client.post("/team/stammdaten/ansprechpersonen/neu/", {**KINDS["ansprechpersonen"][1], "next": edit})
    assert response["Location"] == edit
    contact = Contact.objects.get(role="Projektbüro Leipzig")
    assert f'<option value="{contact.pk}">Projektbüro Leipzig</option>' in client.get(edit).content.decode()


def test_event_form_saves_a_funding_line(client, team, login_as):
    login_as(team)
    funding = make_item("foerderlinien")
    page = client.get("/team/veranstaltungen/neu/").content.decode()
    assert "Förderlinie" in page and "Landesprogramm 2026" in page and "allgemeine Förderzeile" in page
    response = client.post(
        "/team/veranstaltungen/neu/",
        {
            "kind": "schulung",
            "title": "Mit Förderung",
            "summary": "Kurz.",
            "attendance_mode": "offline",
            "costs": "0",
            "funding_line": funding.pk,
        },
    )
    assert response.status_code == 302
    assert Event.objects.get(title="Mit Förderung").funding_line == funding


def test_archived_target_group_and_language_leave_the_catalogue_filters(client):
    group, language = make_target_group(), make_language("uk", "Ukrainisch", "Ukrainian")
    make_event(title="Schulung Kamenz", target_groups=[group], languages=[language])
    page = client.get("/veranstaltungen/").content.decode()
    assert 'value="ehrenamtliche"' in page and 'value="uk"' in page
    TargetGroup.objects.filter(pk=group.pk).update(archived=True)
    Language.objects.filter(pk=language.pk).update(archived=True)
    page = client.get("/veranstaltungen/").content.decode()
    assert 'value="ehrenamtliche"' not in page and 'value="uk"' not in page and "Schulung Kamenz" in page


def test_a_topic_used_only_outside_events_is_kept_and_the_page_says_where(client, team, login_as):
    """Articles and consultations are apps above events; deleting their topic would silently drop it from them
    (and from the funder reports), so the delete is refused and the page names them."""
    from knowledge.testing import make_article
    from multipliers.testing import make_multiplier

    login_as(team)
    topic = make_topic()
    make_article(title="Asylverfahren kurz erklärt", topics=[topic])
    make_article(title="Wohnsitzauflage", topics=[topic])
    make_multiplier(place="Görlitz", topics=[topic])
    form_page = client.get(f"/team/stammdaten/themen/{topic.pk}/").content.decode()
    assert "Verwendet in:" in form_page and "Artikel: 2" in form_page and "Multiplikator_innen: 1" in form_page
    assert f"/team/stammdaten/themen/{topic.pk}/loeschen/" not in form_page
    response = client.post(f"/team/stammdaten/themen/{topic.pk}/loeschen/")
    assert response.status_code == 200 and "kann nicht gelöscht werden" in response.content.decode()
    assert Topic.objects.filter(pk=topic.pk).exists()
    assert not Entry.objects.filter(action="reference.deleted").exists()
