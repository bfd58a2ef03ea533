"""Reusable reads: places left, waiting positions, participants and counts (fixed query counts)."""

from collections import Counter
from dataclasses import dataclass

from django.db import connection
from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, Greatest
from django.utils.translation import gettext as _

from events.models import Event
from registrations.models import Booking, Question, Registration, RegistrationSettings


def bookable_events(event):
    """The events a registration for `event` takes places in: its modules, or the event itself.

    Uses `event.modules.all()`, so a prefetched event costs no query."""
    modules = list(event.modules.all())
    return sorted(modules, key=lambda m: (m.start, m.pk)) if modules else [event]


# What a form sent reads of the offer and its modules besides their own columns: the form's options
# and the address its mails name for replies.
SENT = ("registration_settings", "contact")
# What the form page shows besides: where it takes place.
SHOWN = (*SENT, "venue__municipality")
# Long texts a form sent never reads (its mails are written by the worker).
TEXTS = ("description", "description_en", "search_text")


def public_offer(slug, *, sent=False):
    """The public offer `slug` with what its form shows (venue, contact, registration settings) and
    its modules likewise, in one query; None for no such offer or a draft. `sent=True`: only what a
    form sent needs; the view reads the offer anew when it shows the form again.

    The modules arrive as the prefetched `event.modules.all()` (so `bookable_events` reads nothing),
    each with its `course` set. A module's own page redirects to its course, which reads the course.
    `has_questions` tells `questions_for` whether there are any to read."""
    # The modules by their course's id, found by its slug first: `course__slug` joined every offer of
    # the archive to its course (a scan that grew with the archive); this way two indexes answer.
    course = Subquery(Event.objects.filter(slug=slug).order_by().values("pk"))
    match = (Q(slug=slug) & ~Q(status=Event.Status.DRAFT)) | Q(course=course)
    offers = Event.objects.filter(match).select_related(*(SENT if sent else SHOWN))
    if sent:
        offers = offers.defer(*TEXTS)
    rows = list(offers.annotate(has_questions=Exists(Question.objects.filter(event=OuterRef("pk")))))
    offer = next((event for event in rows if event.slug == slug), None)
    if offer is None:
        return None
    modules = [event for event in rows if event.course_id == offer.pk]
    for module in modules:
        module.course = offer
    # What `prefetch_related("modules")` would leave: a queryset whose rows are already read.
    prefetched = offer.modules.all()
    prefetched._result_cache, prefetched._prefetch_done = modules, True
    offer._prefetched_objects_cache = {"modules": prefetched}
    return offer


def settings_for(event):
    """The event's registration settings, or unsaved defaults."""
    try:
        return event.registration_settings
    except RegistrationSettings.DoesNotExist:
        return RegistrationSettings(event=event)


def questions_for(event):
    """The event's own questions; none read for an offer `public_offer` found without any."""
    if getattr(event, "has_questions", True) is False:
        return []
    return list(Question.objects.filter(event=event))


@dataclass(frozen=True)
class Places:
    event: Event
    taken: int
    waiting: int

    @property
    def capacity(self):
        return self.event.capacity

    @property
    def left(self):
        """Places free now, or None for an event without a limit."""
        if self.capacity is None:
            return None
        return max(self.capacity - self.taken, 0)

    @property
    def full(self):
        # Someone waiting means any free place is theirs, not a newcomer's.
        return self.left == 0 or (self.left is not None and self.waiting > 0)


def places_for(events):
    """Places per event for a few events, in one query."""
    rows = (
        Booking.objects.filter(event__in=[e.pk for e in events], status__in=Booking.ACTIVE)
        .values("event")
        .annotate(
            taken=Count("id", filter=Q(status__in=Booking.TAKEN)),
            waiting=Count("id", filter=Q(status=Booking.Status.WAITING)),
        )
    )
    counts = {row["event"]: row for row in rows}
    return [Places(e, counts.get(e.pk, {}).get("taken", 0), counts.get(e.pk, {}).get("waiting", 0)) for e in events]


@dataclass(frozen=True)
class Earlier:
    """What a form sent finds of earlier ones (`places_and_earlier`)."""

    replayed: bool  # this very form (its submission key) was handled already
    existing: int | None  # the pk of the address's active registration for the offer
    confirmed_before: bool  # the address holds a confirmed place anywhere (a new registration's `first_time`)


# One statement, written out: it runs under the event lock at every registration, where building
# the same query with the ORM (five subqueries) cost more time than the database needs to answer it.
_PLACES_AND_EARLIER = """
SELECT e."id",
  (SELECT COUNT(*) FROM "registrations_booking" b WHERE b."event_id" = e."id" AND b."status" IN ({taken}))
    AS "taken",
  (SELECT COUNT(*) FROM "registrations_booking" b WHERE b."event_id" = e."id" AND b."status" = %s) AS "waiting",
  EXISTS (SELECT 1 FROM "registrations_registration" r WHERE r."submission_key" = %s) AS "replayed",
  (SELECT r."id" FROM "registrations_registration" r
    WHERE r."event_id" = %s AND r."email" = %s AND r."email" <> '' AND r."is_active" ORDER BY r."id" LIMIT 1)
    AS "existing",
  EXISTS (SELECT 1 FROM "registrations_registration" r JOIN "registrations_booking" b ON b."registration_id" = r."id"
    WHERE r."email" = %s AND r."email" <> '' AND b."status" = %s) AS "confirmed_before"
FROM "events_event" e WHERE e."id" IN ({events})
"""


def places_and_earlier(events, *, offer, email, submission_key):
    """(`places_for(events)`, `Earlier`) for a form sent for `offer`, in one statement.

    `services.register` runs it right after taking the events' lock: a new statement sees everything
    the transactions that held the lock before committed (in the locking statement itself, subqueries
    would still see the moment before it waited). An empty `email` finds no earlier registration."""
    taken, waiting = Booking.TAKEN, Booking.Status.WAITING
    ids = [event.pk for event in events]
    sql = _PLACES_AND_EARLIER.format(taken=", ".join(["%s"] * len(taken)), events=", ".join(["%s"] * len(ids)))
    params = [*taken, waiting, submission_key, offer.pk, email, email, Booking.Status.CONFIRMED, *ids]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        found = {row[0]: row[1:] for row in cursor.fetchall()}
    places = [Places(event, *found[event.pk][:2]) for event in events]
    replayed, existing, confirmed_before = next(iter(found.values()))[2:]
    return places, Earlier(bool(replayed), existing, bool(confirmed_before))


def _count_subquery(status_filter, **outer):
    rows = (
        Booking.objects.filter(status_filter, **outer)
        .order_by()
        .values("event")
        .annotate(n=Count("id"))
        .order_by("-n")
        .values("n")[:1]
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))


def with_places(queryset):
    """Annotate `places_taken` and `places_waiting` for catalogue cards, in the same query.

    A course counts its fullest module (bookings live on the modules)."""
    taken, waiting = Q(status__in=Booking.TAKEN), Q(status=Booking.Status.WAITING)
    return queryset.annotate(
        places_taken=Greatest(
            _count_subquery(taken, event=OuterRef("pk")), _count_subquery(taken, event__course=OuterRef("pk"))
        ),
        places_waiting=Greatest(
            _count_subquery(waiting, event=OuterRef("pk")), _count_subquery(waiting, event__course=OuterRef("pk"))
        ),
    )


def with_registration_counts(queryset):
    """Annotate confirmed / pending / waiting counts per event for dashboards (one query)."""

    def count(*statuses):
        rows = (
            Booking.objects.filter(event=OuterRef("pk"), status__in=statuses)
            .order_by()
            .values("event")
            .annotate(n=Count("id"))
            .values("n")
        )
        return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))

    return queryset.annotate(
        confirmed_count=count(Booking.Status.CONFIRMED),
        pending_count=count(Booking.Status.HELD, Booking.Status.OFFERED),
        waiting_count=count(Booking.Status.WAITING),
    )


def participants(event):
    """Everyone with a place or on the waiting list of one event, places first, then in line."""
    return (
        Booking.objects.filter(event=event, status__in=Booking.ACTIVE)
        .select_related("registration__municipality__district")
        .order_by("status", "id")
    )


def waiting_positions(bookings):
    """{booking id: position in line} for the waiting ones among `bookings`, in one query."""
    ids = [b.pk for b in bookings if b.status == Booking.Status.WAITING]
    if not ids:
        return {}
    ahead = (
        Booking.objects.filter(event=OuterRef("event"), status=Booking.Status.WAITING, id__lte=OuterRef("pk"))
        .order_by()
        .values("event")
        .annotate(n=Count("id"))
        .values("n")
    )
    rows = Booking.objects.filter(pk__in=ids).annotate(position=Subquery(ahead)).values_list("pk", "position")
    return dict(rows)


def bookings_with_positions(registration):
    """A registration's bookings (event and venue loaded) with `position` set on waiting ones."""
    bookings = list(
        registration.bookings.select_related("event__venue__municipality", "event__contact").order_by(
            "event__start", "id"
        )
    )
    positions = waiting_positions(bookings)
    for booking in bookings:
        booking.position = positions.get(booking.pk)
    return bookings


def active_registrations_for_email(email):
    """An empty address (people the team entered without one) finds nobody."""
    registrations = Registration.objects.active().exclude(email="").filter(email__iexact=email)
    return registrations.select_related("event").order_by("event__start", "id")


def answer_rows(registration, questions):
    """(question, answer as shown) for the personal page, in the form's order."""
    rows = []
    for question in questions:
        value = registration.answers.get(str(question.pk), "")
        if question.kind == Question.Kind.YES_NO and value:
            value = _("Ja") if value == "ja" else _("Nein")
        elif question.kind == Question.Kind.CHOICE:
            value = dict(question.choice_pairs()).get(value, value)
        rows.append((question.localized_label, value))
    return rows


def stored_answers(event):
    """{question id: Counter(value -> number of registrations)} for answers already given to `event`."""
    answers = {}
    for row in Registration.objects.filter(event=event).values_list("answers", flat=True):
        for key, value in (row or {}).items():
            if str(key).isdigit():
                answers.setdefault(int(key), Counter())[str(value)] += 1
    return answers
