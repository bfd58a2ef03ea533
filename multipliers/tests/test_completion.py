"""The completion rule, computed from check-ins: default (every module), "5 of 6, module 1
mandatory", modules still to come, excused modules, and making up a module in another cohort (of
the same title, or copied from this one whatever its title)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.models import Event
from events.services import copy_event
from multipliers import queries, services
from multipliers.testing import attend, enrol, make_course, modules_of
from registrations.models import Booking

pytestmark = [pytest.mark.django_db, pytest.mark.clock]


def _row(course, registration):
    (row,) = [r for r in queries.cohort(course).rows if r.registration.pk == registration.pk]
    return row


def _five_of_six(course, team, *, make_up=False):
    first = modules_of(course)[0]
    return services.save_rule(
        actor=team, course=course, version=0, minimum_modules=5, required_modules=[first], allow_make_up=make_up
    )


def test_without_a_rule_every_module_is_required(team):
    course = make_course()
    everything, five = enrol(course), enrol(course)
    attend(everything, 1, 2, 3, 4, 5, 6)
    attend(five, 1, 2, 3, 4, 5)
    assert _row(course, everything).completed
    row = _row(course, five)
    assert not row.completed and not row.can_complete
    assert [c.status for c in row.cells] == [queries.ATTENDED] * 5 + [queries.MISSING]


def test_five_of_six_with_module_one_mandatory(team):
    course = make_course()
    _five_of_six(course, team)
    without_first, with_first, four = enrol(course), enrol(course), enrol(course)
    attend(without_first, 2, 3, 4, 5, 6)
    attend(with_first, 1, 2, 3, 4, 5)
    attend(four, 1, 2, 3, 4)
    assert not _row(course, without_first).completed
    assert _row(course, with_first).completed
    assert not _row(course, four).completed


def test_modules_still_to_come_keep_the_chance_to_complete(team):
    course = make_course(days_ahead=-20)  # modules 1-3 held, 4-6 to come
    person = enrol(course)
    attend(person, 1, 2, 3)
    row = _row(course, person)
    assert [c.status for c in row.cells] == [queries.ATTENDED] * 3 + [queries.OPEN] * 3
    assert not row.completed and row.can_complete


def test_a_cancelled_module_is_excused_and_not_counted(team):
    course = make_course()
    person = enrol(course)
    attend(person, 1, 2, 3, 4, 5)
    Booking.objects.filter(registration=person, event=modules_of(course)[5]).update(status=Booking.Status.CANCELLED)
    row = _row(course, person)
    assert row.cells[5].status == queries.EXCUSED and not row.completed


def test_a_missed_module_made_up_in_another_cohort_counts_only_when_the_team_allows_it(team):
    spring = make_course(days_ahead=-120)
    autumn = make_course(days_ahead=-60)
    other_course = make_course(title="Eine andere Fortbildung", days_ahead=-60)
    person = enrol(spring, email="nachholer@example.org")
    attend(person, 2, 3, 4, 5, 6)  # missed module 1 in spring
    attend(enrol(other_course, email="nachholer@example.org"), 1)  # a different course does not count
    assert not _row(spring, person).completed
    rule = services.save_rule(
        actor=team, course=spring, version=0, minimum_modules=None, required_modules=[], allow_make_up=True
    )
    assert not _row(spring, person).completed
    attend(enrol(autumn, email="nachholer@example.org"), 1)  # made up in the autumn cohort
    row = _row(spring, person)
    assert row.cells[0].status == queries.MADE_UP and row.completed
    services.save_rule(
        actor=team,
        course=spring,
        version=rule.version,
        minimum_modules=None,
        required_modules=[],
        allow_make_up=False,
    )
    assert not _row(spring, person).completed


def test_a_stale_rule_form_is_refused(team):
    course = make_course()
    rule = _five_of_six(course, team)
    services.save_rule(
        actor=team, course=course, version=rule.version, minimum_modules=4, required_modules=[], allow_make_up=False
    )
    with pytest.raises(services.StaleRule):
        services.save_rule(
            actor=team, course=course, version=rule.version, minimum_modules=6, required_modules=[], allow_make_up=False
        )


def _matrix_queries(client, course):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(f"/team/veranstaltungen/{course.pk}/kohorte/")
    assert response.status_code == 200
    return len(captured)


def test_the_matrix_costs_the_same_queries_for_3_and_30_participants(client, team, login_as):
    login_as(team)
    small, large = make_course(), make_course(title="Große Fortbildung")
    for course, size in ((small, 3), (large, 30)):
        services.save_rule(
            actor=team, course=course, version=0, minimum_modules=5, required_modules=[], allow_make_up=True
        )
        for n in range(size):
            attend(enrol(course), *range(1, 6 if n % 2 else 7))
    assert _matrix_queries(client, small) == _matrix_queries(client, large)
    page = client.get(f"/team/veranstaltungen/{large.pk}/kohorte/").content.decode()
    assert "Kursteilnehmer_in" in page and "abgeschlossen" in page


def test_matrix_exports_pdf_and_xlsx(client, team, login_as):
    import io

    from openpyxl import load_workbook
    from pypdf import PdfReader

    login_as(team)
    course = make_course()
    attend(enrol(course, name="Erika Beispiel"), 1, 2, 3, 4, 5, 6)
    attend(enrol(course, name="Max Muster"), 1, 2)
    pdf = client.get(f"/team/veranstaltungen/{course.pk}/kohorte.pdf")
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages).split())
    assert "Erika Beispiel" in text and "Max Muster" in text and "Modul 6: Selbstfürsorge" in text
    xlsx = client.get(f"/team/veranstaltungen/{course.pk}/kohorte.xlsx")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0][0] == "Name" and rows[0][1] == "Modul 1: Asylverfahren"
    assert ["Erika Beispiel", *["anwesend"] * 6, 6, "ja", "nein"] in rows
    assert ["Max Muster", "anwesend", "anwesend", *["fehlt"] * 4, 2, "nein", "nein"] in rows


@pytest.mark.parametrize(
    ("persona", "cohort", "rule"),
    [
        ("anonymous", "login", "login"),
        ("admin", 200, 200),
        ("team", 200, 200),
        ("trainer_a", 200, 403),  # gives the course: sees the cohort, sets no rule
        ("trainer_b", 404, 404),  # another trainer: the course does not exist for them
        ("partner_without_names", 404, 404),
        ("multiplier", 403, 403),
    ],
)
def test_personas_on_the_cohort_pages(client, login_as, request, persona, cohort, rule):
    user = request.getfixturevalue(persona)
    course = make_course()
    if persona == "trainer_a":
        course.trainers.add(user)
    login_as(user)

    def outcome(path):
        response = client.get(path)
        if response.status_code == 302 and response["Location"].startswith("/konto/anmelden/"):
            return "login"
        return response.status_code

    assert outcome(f"/team/veranstaltungen/{course.pk}/kohorte/") == cohort
    assert outcome(f"/team/veranstaltungen/{course.pk}/abschlussregel/") == rule
    assert outcome(f"/team/veranstaltungen/{course.pk}/zertifikate/") == rule


def _copy(course, team, *, days, title):
    """The next cohort as the team makes it: the back office's copy, here under a new title."""
    copy = copy_event(actor=team, source=course, start=course.start + timedelta(days=days), title=title)
    Event.objects.filter(pk__in=[copy.pk, *copy.modules.values_list("pk", flat=True)]).update(
        status=Event.Status.PUBLISHED
    )
    return copy


def test_a_copied_cohort_is_the_same_course_whatever_its_title_and_its_modules_titles(team):
    spring = make_course(days_ahead=-120)
    services.save_rule(
        actor=team, course=spring, version=0, minimum_modules=None, required_modules=[], allow_make_up=True
    )
    autumn = _copy(spring, team, days=60, title="Fortbildung Migrationsrecht, Herbstdurchgang")
    Event.objects.filter(pk=modules_of(autumn)[0].pk).update(title="Modul 1: Asyl- und Asylverfahrensrecht")
    person = enrol(spring, email="nachholer@example.org")
    attend(person, 2, 3, 4, 5, 6)
    assert not _row(spring, person).completed
    attend(enrol(autumn, email="nachholer@example.org"), 1)  # the renamed module 1 of the copied cohort
    row = _row(spring, person)
    assert row.cells[0].status == queries.MADE_UP and row.completed
    assert [cell.status for cell in row.cells[1:]] == [queries.ATTENDED] * 5


def test_make_up_offers_come_from_copied_cohorts_too(team):
    spring = make_course(days_ahead=-60)
    services.save_rule(
        actor=team, course=spring, version=0, minimum_modules=None, required_modules=[], allow_make_up=True
    )
    winter = _copy(spring, team, days=90, title="Migrationsrecht kompakt (Winter)")
    person = enrol(spring, email="nachholer@example.org")
    attend(person, 1, 2, 3, 4, 5)
    row = _row(spring, person)
    offers = queries.make_up_offers(spring, row)
    assert [(offer.course_id, offer.title) for offer in offers] == [(winter.pk, modules_of(winter)[5].title)]
