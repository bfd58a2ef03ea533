"""What a report covers: a period of days, optionally some districts and event kinds, and for a
partner account only the events its organisation co-hosts."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from events.models import Event


@dataclass(frozen=True)
class Scope:
    start: date
    end: date  # inclusive
    districts: tuple = ()  # District primary keys; empty: all of Saxony
    kinds: tuple = ()  # Event.Kind values; empty: every kind
    partner_id: int | None = None  # a partner account sees only the events its organisation co-hosts

    @property
    def since(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.start, time.min))

    @property
    def until(self) -> datetime:
        """The first moment after the period."""
        return timezone.make_aware(datetime.combine(self.end + timedelta(days=1), time.min))

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def with_period(self, start, end):
        return Scope(start, end, self.districts, self.kinds, self.partner_id)

    def _events(self):
        events = Event.objects.exclude(status=Event.Status.DRAFT).filter(start__gte=self.since, start__lt=self.until)
        if self.districts:
            events = events.filter(venue__municipality__district__in=self.districts)
        if self.kinds:
            events = events.filter(Q(kind__in=self.kinds) | Q(course__kind__in=self.kinds))
        if self.partner_id:
            hosted = Event.objects.filter(Q(partners=self.partner_id) | Q(course__partners=self.partner_id))
            events = events.filter(pk__in=hosted.values("pk"))
        return events

    def offers(self):
        """Offers as the catalogue lists them: single events and whole courses (not their modules)."""
        return self._events().filter(course__isnull=True)

    def units(self):
        """Where people sit and hours are held: single events and course modules, not the course
        that groups them. Cancelled ones included; callers filter."""
        modules = Event.objects.filter(course=OuterRef("pk"))
        return self._events().exclude(Exists(modules))
