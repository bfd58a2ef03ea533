"""Every figure on hand-made data with known answers, and its query count."""

from datetime import date, datetime, time, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events.models import Event, Session
from feedback.models import Answer
from multipliers.testing import attend, enrol, make_course
from regions.models import District
from registrations.models import Booking
from registrations.services import cancel_registration
from registrations.testing import register
from reports.queries import Scope, build_report, compare
from reports.testing import event_on, mark

pytestmark = [pytest.mark.django_db, pytest.mark.clock]

YEAR = Scope(date(2026, 1, 1), date(2026, 12, 31))


def at(day, hour=9):
    return timezone.make_aware(datetime.combine(day, time(hour)))


@pytest.fixture
def year():
    """A year with known answers (comments give the figures each line adds)."""
    register(event_on(date(2025, 11, 1)), email="anna@example.org", attended=True)  # before the period
    a = event_on(date(2026, 3, 10), hours=6, capacity=2, place="Pirna")
    register(a, email="anna@example.org", attended=True)  # person 1, came before
    register(a, email="bert@example.org", role="professional", place="Leipzig", attended=False)  # other district
    register(a, email="carla@example.org")  # waiting, never gets a place: demand
    mark(a, Event.Status.HELD)

    b = event_on(date(2026, 5, 5), hours=8, place="Görlitz")
    Session.objects.create(event=b, title="Teil 1", start=at(date(2026, 5, 5), 9), end=at(date(2026, 5, 5), 11))
    Session.objects.create(event=b, title="Teil 2", start=at(date(2026, 5, 6), 9), end=at(date(2026, 5, 6), 11))
    register(b, email="ANNA@example.org ".strip(), attended=True)  # anna again: still one person
    dora = register(b, email="dora@example.org")
    cancel_registration(registration=dora, now=b.start - timedelta(days=8))  # a cancellation
    mark(b, Event.Status.HELD)

    c = event_on(date(2026, 6, 1), hours=3, capacity=1, kind=Event.Kind.NETWORK, place="Pirna")
    fritz = register(c, email="fritz@example.org", days_before=20)
    register(c, email="gina@example.org", days_before=19)  # waits, then moves up: not demand
    cancel_registration(registration=fritz, now=c.start - timedelta(days=10))
    register(c, email="anna@example.org", days_before=12)  # anna a third time: waits, never gets a place
    Booking.objects.filter(event=c, registration__email="gina@example.org").update(attended=True)
    mark(c, Event.Status.HELD)

    days = (date(2026, 9, 1) - timezone.localdate()).days
    course = make_course(modules=2, days_ahead=days, every=7, place="Görlitz")
    hans = enrol(course, email="hans@example.org")
    attend(hans, 1, 2)
    mark(course, Event.Status.HELD)

    mark(event_on(date(2026, 4, 1), hours=5), Event.Status.CANCELLED)
    for score in (5, 4, 4, 5):
        Answer.objects.create(event=a, overall=score, usefulness=3)
    return {"a": a, "b": b, "c": c, "course": course}


def test_offers_sessions_and_hours(year):
    report = build_report(YEAR)
    values = {f.key: f.value for f in report.figures()}
    assert values["offers_held"] == 4  # a, b, c and the course (not its modules)
    assert values["offers_cancelled"] == 1  # counted apart, in no other figure
    assert values["offers_planned"] == 0
    assert values["sessions"] == 1 + 2 + 1 + 2  # b has two sessions, the course two modules
    assert values["training_hours"] == 6 + 4 + 3 + 14  # b: its sessions; the course: its modules' hours
    assert values["participant_hours"] == 6 * 1 + 4 * 1 + 3 * 1 + 7 * 1 + 7 * 1
    by_kind = report.table("offers_by_kind")
    assert by_kind.column(0) == {"schulung": 2, "fortbildung": 1, "fachkonferenz": 0, "vernetzung": 1}
    assert by_kind.column(1)["schulung"] == 1  # the cancelled one
    assert by_kind.column(3)["fortbildung"] == 14
    by_district = report.table("offers_by_district")
    pirna = District.objects.get(name__contains="Osterzgebirge").slug
    assert by_district.column(0)[pirna] == 2 and by_district.column(1)[pirna] == 1
    by_month = report.table("by_month")
    assert len(by_month.rows) == 12 and by_month.column(0)["2026-03"] == 1 and by_month.column(1)["2026-09"] == 2


def test_registrations_and_people(year):
    values = {f.key: f.value for f in build_report(YEAR).figures()}
    assert values["registrations"] == 9  # anna ×3, bert, carla, dora, fritz, gina, hans
    assert values["confirmed"] == 5  # anna (a, b), bert, gina, hans
    assert values["attended"] == 4  # anna (a, b), gina, hans
    assert values["no_shows"] == 1  # bert
    assert values["waiting_demand"] == 2  # carla, anna at c; gina moved up
    assert values["cancellations"] == 2  # dora, fritz
    assert values["people"] == 4  # anna once, bert, gina, hans
    assert values["first_timers"] == 3  # anna had come in 2025
    assert values["municipalities"] == 3  # Pirna, Leipzig, Görlitz
    assert values["from_other_districts"] == 2  # bert from Leipzig in Pirna, anna from Pirna in Görlitz


def test_roles_share_of_people(year):
    roles = build_report(YEAR).table("people_by_role")
    assert roles.column(0) == {"volunteer": 3, "professional": 1, "administration": 0, "other": 0}
    assert roles.column(1)["professional"] == 25.0


def test_feedback_averages_are_withheld_below_five_answers(year):
    assert build_report(YEAR).figure("feedback_overall").value is None
    assert build_report(YEAR).figure("feedback_answers").value == 4
    Answer.objects.create(event=year["a"], overall=2, usefulness=3)
    report = build_report(YEAR)
    assert report.figure("feedback_overall").value == 4.0 and report.figure("feedback_usefulness").value == 3.0
    assert report.table("feedback_by_kind").column(1)["schulung"] == 4.0


def test_districts_and_kinds_narrow_the_report(year):
    goerlitz = District.objects.get(name__contains="Görlitz")
    values = {f.key: f.value for f in build_report(Scope(YEAR.start, YEAR.end, districts=(goerlitz.pk,))).figures()}
    assert (values["offers_held"], values["people"], values["training_hours"]) == (2, 2, 4 + 14)
    values = {f.key: f.value for f in build_report(Scope(YEAR.start, YEAR.end, kinds=("vernetzung",))).figures()}
    assert (values["offers_held"], values["people"], values["waiting_demand"]) == (1, 1, 1)


def test_a_partner_sees_only_the_events_it_co_hosts(year):
    from events.testing import make_partner

    partner = make_partner()
    year["b"].partners.add(partner)
    report = build_report(Scope(YEAR.start, YEAR.end, partner_id=partner.pk), full=False)
    assert report.figure("offers_held").value == 1 and report.figure("people").value == 1
    assert "consultations" not in {f.key for f in report.figures()}


def test_comparison_gives_the_difference(year):
    report = build_report(YEAR)
    last_year = build_report(YEAR.with_period(date(2025, 1, 1), date(2025, 12, 31)))
    rows = {f.key: (then, diff) for f, then, diff in compare(report, last_year)}
    assert rows["offers_held"] == (0, 4) and rows["people"] == (1, 3)


def test_the_query_count_does_not_grow_with_the_data(year):
    with CaptureQueriesContext(connection) as small:
        build_report(YEAR)
    for n in range(3):
        extra = event_on(date(2026, 7, 1 + n), hours=2)
        for _i in range(5):
            register(extra, attended=True)
        mark(extra, Event.Status.HELD)
    with CaptureQueriesContext(connection) as large:
        build_report(YEAR)
    assert len(large.captured_queries) == len(small.captured_queries)


def test_multipliers_consultations_requests_workshops_and_newsletter():
    from accounts.testing import make_user
    from conferences.testing import make_conference
    from events.testing import make_topic
    from multipliers.models import Consultation
    from newsletter.models import Subscriber
    from newsletter.testing import district, make_subscriber
    from training_requests.models import TrainingRequest
    from training_requests.testing import make_request

    user = make_user("multiplier")
    asylum, other_topic = make_topic(), make_topic(slug="wohnen", name="Wohnen", name_en="Housing")
    bautzen = district("Bautzen")
    logged = [(date(2026, 2, 1), [asylum]), (date(2026, 3, 1), [asylum, other_topic]), (date(2025, 12, 1), [asylum])]
    for month, topics in logged:
        consultation = Consultation.objects.create(
            multiplier=user, month=month, district=bautzen, advised="volunteer", duration="30", other_agency="Tafel"
        )
        consultation.topics.set(topics)
    for state in ("new", "held", "held"):
        make_request(state=state, place="Bautzen")
    TrainingRequest.objects.update(created_at=at(date(2026, 4, 1)))
    make_subscriber("eins@example.org", districts=[bautzen])
    make_subscriber("zwei@example.org")
    Subscriber.objects.update(confirmed_at=at(date(2026, 5, 1)))  # fixed dates: the test runs on any day
    conference = make_conference(slots=1, workshops=2, capacity=1, days_ahead=-100)
    Event.objects.filter(pk=conference.event.pk).update(start=at(date(2026, 6, 1)), end=at(date(2026, 6, 1), 17))

    report = build_report(Scope(date(2026, 1, 1), date(2027, 1, 31)))
    assert report.figure("consultations").value == 2
    assert report.table("consultations_by_topic").column(0) == {str(asylum.pk): 2, str(other_topic.pk): 1}
    assert report.table("consultations_by_agency").column(0) == {"Tafel": 2}
    assert report.table("consultations_by_district").column(0)[bautzen.slug] == 2
    assert report.figure("training_requests").value == 3
    states = report.table("requests_by_state").column(0)
    assert states == {"new": 1, "discussion": 0, "planned": 0, "held": 2, "declined": 0, "withdrawn": 0}
    assert report.figure("subscribers").value == 2
    subscribers = report.table("subscribers_by_district").column(0)
    assert subscribers[bautzen.slug] == 1 and subscribers["None"] == 1
    assert report.figure("workshops").value == 2 and conference.event.pk


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL setting")
def test_postgresql_does_not_spend_the_report_compiling_queries():
    """The report's large queries would cross jit_above_cost; compiling them costs more than running."""
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
