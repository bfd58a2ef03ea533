"""Reads of the multiplier programme with a fixed number of queries.

`cohort(course)` is the one place that decides completion: per registration of the course and per
module, attended (a check-in), made up (the same module attended in another cohort of the same
course, where the rule allows it), excused (the module's place was cancelled), still to come, or
missing; then the rule says who has completed and who still can.
"""

from dataclasses import dataclass, field
from datetime import timedelta
from uuid import UUID

from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.urls import reverse
from django.utils import timezone

from core.text import fold
from events.models import Event
from multipliers.models import Advised, CertificateRun, CompletionRule, Consultation, Multiplier
from registrations.models import Booking, Registration

ATTENDED, MADE_UP, EXCUSED, OPEN, MISSING = "attended", "made_up", "excused", "open", "missing"
COUNTS = (ATTENDED, MADE_UP)


def module_hours(module):
    """Hours of one module: its sessions if it has any, else its span (per day for several days)."""
    sessions = list(module.sessions.all())
    if sessions:
        return sum((s.end - s.start) / timedelta(hours=1) for s in sessions)
    if not (module.start and module.end):
        return 0
    start, end = timezone.localtime(module.start), timezone.localtime(module.end)
    days = (end.date() - start.date()).days + 1
    daily = (end - start - timedelta(days=days - 1)) / timedelta(hours=1)
    return max(daily, 0) * days


@dataclass
class Rule:
    """The course's rule, or the default (every module) when the team has set none."""

    required: set
    minimum: int
    allow_make_up: bool
    stored: CompletionRule | None = None


@dataclass
class Cell:
    module: Event
    status: str
    booking: Booking | None = None


@dataclass
class Row:
    registration: Registration
    cells: list
    completed: bool = False
    can_complete: bool = False
    certified: bool = False

    @property
    def counted(self):
        return sum(1 for cell in self.cells if cell.status in COUNTS)


@dataclass
class Cohort:
    course: Event
    modules: list
    rule: Rule
    rows: list = field(default_factory=list)

    @property
    def completed(self):
        return [row for row in self.rows if row.completed]

    @property
    def pending_certificates(self):
        return [row for row in self.completed if not row.certified and row.registration.has_address]


def course_modules(course):
    return list(course.modules.prefetch_related("sessions").order_by("start", "id"))


def rule_for(course, modules, *, stored=None, use_stored=True):
    if use_stored and stored is None:
        stored = CompletionRule.objects.filter(course=course).prefetch_related("required_modules").first()
    module_ids = {m.pk for m in modules}
    if stored is None:
        return Rule(required=module_ids, minimum=len(modules), allow_make_up=False)
    required = {m.pk for m in stored.required_modules.all()} & module_ids
    minimum = stored.minimum_modules if stored.minimum_modules is not None else len(modules)
    return Rule(
        required=required, minimum=min(minimum, len(modules)), allow_make_up=stored.allow_make_up, stored=stored
    )


def decide(row, rule):
    counted = {cell.module.pk for cell in row.cells if cell.status in COUNTS}
    possible = {cell.module.pk for cell in row.cells if cell.status in (*COUNTS, OPEN)}
    if rule.allow_make_up:
        possible |= {cell.module.pk for cell in row.cells}
    row.completed = bool(row.cells) and rule.required <= counted and len(counted) >= rule.minimum
    row.can_complete = not row.completed and rule.required <= possible and len(possible) >= rule.minimum


def _root(pk, parent):
    """The first event of a line of copies (`Event.copied_from`), within the rows loaded."""
    seen = set()
    while parent.get(pk) in parent and pk not in seen:
        seen.add(pk)
        pk = parent[pk]
    return pk


def _other_cohorts(course):
    """Ids of the other cohorts of the same course: copied from one another (the back office's
    "copy", at any depth, whatever their titles now) or, for cohorts set up by hand, the same title.
    One query over the courses (few), not per participant."""
    rows = list(
        Event.objects.filter(kind=Event.Kind.COURSE, course__isnull=True).values_list("id", "copied_from_id", "title")
    )
    parent = {pk: source for pk, source, _title in rows}
    mine = _root(course.pk, parent)
    return {
        pk for pk, _source, title in rows if pk != course.pk and (title == course.title or _root(pk, parent) == mine)
    }


def _module_keys(courses):
    """{module id: its identities}: the first module of its line of copies, and its folded title."""
    rows = list(Event.objects.filter(course_id__in=courses).values_list("id", "copied_from_id", "title"))
    parent = {pk: source for pk, source, _title in rows}
    return {pk: {("copy", _root(pk, parent)), ("title", fold(title))} for pk, _source, title in rows}


def _made_up(others, keys, registrations):
    """{(email, module identity)} attended in the other cohorts of the same course.

    The person is matched by the registration's e-mail address: course participants have no
    account, and the address is what the registrations app knows a person by (personal links,
    privacy requests)."""
    emails = {r.email for r in registrations if r.email}
    if not emails or not others:
        return set()
    bookings = Booking.objects.filter(
        attended=True, registration__email__in=emails, event__course_id__in=others
    ).values_list("registration__email", "event_id")
    return {(email, key) for email, module in bookings for key in keys.get(module, ())}


def cohort(course, *, now=None, rule=None):
    """The course's matrix: queries do not grow with the number of participants or modules."""
    now = now or timezone.now()
    modules = course_modules(course)
    rule = rule or rule_for(course, modules)
    bookings = Booking.objects.filter(event__course=course)
    registrations = list(
        Registration.objects.filter(event=course, anonymised_at__isnull=True)
        .filter(
            Exists(Booking.objects.filter(registration=OuterRef("pk"), status__in=Booking.TAKEN))
            | Q(bookings__attended=True)
        )
        .distinct()
        .select_related("completion_certificate")
        .prefetch_related(Prefetch("bookings", queryset=bookings, to_attr="module_bookings"))
        .order_by("name", "id")
    )
    made_up, keys = set(), {}
    if rule.allow_make_up:
        others = _other_cohorts(course)
        keys = _module_keys({course.pk, *others})
        made_up = _made_up(others, keys, registrations)
    result = Cohort(course=course, modules=modules, rule=rule)
    for registration in registrations:
        by_module = {b.event_id: b for b in registration.module_bookings}
        cells = []
        for module in modules:
            booking = by_module.get(module.pk)
            mine = {(registration.email, key) for key in keys.get(module.pk, ())}
            cells.append(Cell(module, _status(module, booking, not made_up.isdisjoint(mine), now), booking))
        row = Row(registration, cells, certified=hasattr(registration, "completion_certificate"))
        decide(row, rule)
        result.rows.append(row)
    return result


def _status(module, booking, made_up, now):
    if booking is not None and booking.attended:
        return ATTENDED
    if made_up:
        return MADE_UP
    if booking is not None and booking.status == Booking.Status.CANCELLED:
        return EXCUSED
    if booking is not None and booking.has_place and (module.end is None or module.end > now):
        return OPEN
    return MISSING


def row_for(registration, *, now=None):
    """One registration's progress (personal link): its course's matrix, reduced to that person."""
    for row in cohort(registration.event, now=now).rows:
        if row.registration.pk == registration.pk:
            return row
    return None


def make_up_offers(course, row, *, now=None):
    """Upcoming modules of other cohorts of the same course where a missing module can be made up."""
    missing = [cell.module.pk for cell in row.cells if cell.status in (MISSING, EXCUSED)]
    if not missing:
        return []
    others = _other_cohorts(course)
    keys = _module_keys({course.pk, *others})
    wanted = set().union(*(keys.get(pk, set()) for pk in missing))
    upcoming = (
        Event.objects.filter(course_id__in=others, start__gt=now or timezone.now())
        .filter(status=Event.Status.PUBLISHED)
        .select_related("course", "venue__municipality")
        .order_by("start")
    )
    return [module for module in upcoming if not wanted.isdisjoint(keys.get(module.pk, ()))]


def certificate_runs(course):
    return course.certificate_runs.annotate(
        n_queued=Count("messages", filter=Q(messages__status__in=("queued", "sending"))),
        n_sent=Count("messages", filter=Q(messages__status="sent")),
        n_failed=Count("messages", filter=Q(messages__status="failed")),
    )


def running_run(course):
    return CertificateRun.objects.filter(course=course, prepared_at__isnull=True).order_by("id").first()


# --- Consultation log -----------------------------------------------------------------------


def own_log(user):
    return (
        Consultation.objects.filter(multiplier=user)
        .select_related("district", "municipality", "agency")
        .prefetch_related("topics")
    )


def log_totals(*, since=None, until=None):
    """The team's view: consultations per district, topic, agency and who was advised."""
    entries = Consultation.objects.all()
    if since:
        entries = entries.filter(month__gte=since)
    if until:
        entries = entries.filter(month__lte=until)
    return {
        "total": entries.count(),
        "by_district": list(entries.values("district__name").annotate(n=Count("id")).order_by("-n", "district__name")),
        "by_topic": list(entries.values("topics__name").annotate(n=Count("id")).order_by("-n", "topics__name")),
        "by_agency": list(
            entries.filter(agency__isnull=False)
            .values("agency__name")
            .annotate(n=Count("id"))
            .order_by("-n", "agency__name")
        ),
        "other_agency": entries.filter(agency__isnull=True).exclude(other_agency="").count(),
        "by_advised": [
            {"label": Advised(row["advised"]).label, "n": row["n"]}
            for row in entries.values("advised").annotate(n=Count("id")).order_by("-n")
        ],
    }


# --- Multipliers and the public listing -----------------------------------------------------


def invitable(cohort_rows):
    """{registration id: profile or None} for the completed rows (one query)."""
    ids = [row.registration.pk for row in cohort_rows if row.completed]
    profiles = Multiplier.objects.filter(registration_id__in=ids).select_related("user")
    return {profile.registration_id: profile for profile in profiles}


def profile_of(user):
    return (
        Multiplier.objects.filter(user=user)
        .select_related("municipality__district")
        .prefetch_related("topics", "languages")
        .first()
    )


def contact_history(profile, limit=50):
    return list(profile.contact_notes.all()[:limit])


def listed_profile(uuid):
    return (
        Multiplier.objects.listed()
        .filter(uuid=uuid)
        .select_related("municipality__district", "user", "registration")
        .prefetch_related("topics", "languages")
        .first()
    )


def search(*, municipality_ids=None, topic=None, language=None):
    """Listed multipliers, for the public search (place ids within the radius, topic slug, language code)."""
    profiles = Multiplier.objects.listed()
    if municipality_ids is not None:
        profiles = profiles.filter(municipality_id__in=municipality_ids)
    if topic:
        profiles = profiles.filter(topics__slug=topic)
    if language:
        profiles = profiles.filter(languages__code=language)
    return profiles.distinct()


def ordered_ids(profiles, distances=None):
    """(id, distance) of the found profiles, nearest first (else by name): one light query."""
    rows = list(profiles.values_list("id", "municipality_id", "display_name"))
    if distances is not None:
        rows.sort(key=lambda row: (distances.get(row[1], 0), row[2], row[0]))
        return [(pk, round(distances.get(municipality, 0))) for pk, municipality, _name in rows]
    rows.sort(key=lambda row: (row[2], row[0]))
    return [(pk, None) for pk, _municipality, _name in rows]


@dataclass(frozen=True)
class Card:
    """What a result card shows: no model instances, so the template does no per-row lookups."""

    url: str
    display_name: str
    place: str
    district: str
    distance_km: int | None
    topics: str
    languages: str

    def get_absolute_url(self):
        return self.url


_NO_UUID = UUID(int=0)


def _names_by_profile(links, ids, name_field):
    names = {}
    for multiplier_id, name in (
        links.filter(multiplier_id__in=ids).order_by(name_field).values_list("multiplier_id", name_field)
    ):
        names.setdefault(multiplier_id, []).append(name)
    return {pk: ", ".join(found) for pk, found in names.items()}


def cards(page_rows):
    """The cards of one result page, in its order (three light queries, whatever the page size)."""
    ids = [pk for pk, _km in page_rows]
    fields = ("id", "uuid", "display_name", "municipality__name", "municipality__district__short_name")
    rows = {row[0]: row for row in Multiplier.objects.filter(pk__in=ids).values_list(*fields)}
    topics = _names_by_profile(Multiplier.topics.through.objects, ids, "topic__name")
    languages = _names_by_profile(Multiplier.languages.through.objects, ids, "language__name")
    pattern = reverse("multipliers:profile", kwargs={"uuid": _NO_UUID})  # one reverse() for the page
    return [
        Card(
            pattern.replace(str(_NO_UUID), str(row[1])),
            row[2],
            row[3],
            row[4],
            km,
            topics.get(pk, ""),
            languages.get(pk, ""),
        )
        for pk, km in page_rows
        if (row := rows.get(pk)) is not None
    ]


def profiles(page_rows):
    """The profiles of one result page as model rows, in its order, with their distance (three queries;
    for the API, which shows codes and slugs the cards do not)."""
    by_id = {
        profile.pk: profile
        for profile in Multiplier.objects.filter(pk__in=[pk for pk, _km in page_rows])
        .select_related("municipality__district")
        .prefetch_related("topics", "languages")
    }
    result = []
    for pk, km in page_rows:
        if (profile := by_id.get(pk)) is not None:
            profile.distance_km = km
            result.append(profile)
    return result


def listed_per_district():
    rows = Multiplier.objects.listed().values("municipality__district_id").annotate(n=Count("id"))
    return {row["municipality__district_id"]: row["n"] for row in rows}
