"""Anonymous feedback after an event.

Three tables keep answers apart from people:

- `Invitee` says who was invited (so nobody gets two links); it knows the booking, not the token.
- `Invitation` holds only the SHA-256 of a random token and whether it was used: no booking, no
  time of use, and the hash as primary key, so neither ids nor timestamps line it up with invitees.
- `Answer` holds what was said and the day (not the time); it points at the event only.

The invitation mail carrying the token is erased from the outbox once sent.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.models import Event
from registrations.models import Booking

SCORES = [(n, str(n)) for n in range(1, 6)]


class Survey(models.Model):
    """One per event once invitations went out; `answers_seen` drives the dashboard's "feedback to read"."""

    event = models.OneToOneField(Event, on_delete=models.CASCADE, related_name="survey")
    invited_at = models.DateTimeField(default=timezone.now)
    answers_seen = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"survey for event {self.event_id}"


class Invitee(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="+")
    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["event", "booking"], name="one_feedback_invite_per_booking")]

    def __str__(self):
        return f"invitee {self.booking_id}"


class Invitation(models.Model):
    token_hash = models.CharField(max_length=64, primary_key=True)
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="+")
    used = models.BooleanField(default=False)

    def __str__(self):
        return f"invitation for event {self.event_id}"


class Answer(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="feedback_answers")
    overall = models.PositiveSmallIntegerField(_("Gesamteindruck"), choices=SCORES)
    usefulness = models.PositiveSmallIntegerField(_("Nutzen für Ihr Engagement"), choices=SCORES)
    improve = models.TextField(_("Was können wir besser machen?"), blank=True)
    topics_wanted = models.TextField(_("Welche Themen wünschen Sie sich als Nächstes?"), blank=True)
    submitted_on = models.DateField(default=timezone.localdate)

    class Meta:
        verbose_name = _("Feedback-Antwort")
        verbose_name_plural = _("Feedback-Antworten")
        constraints = [
            models.CheckConstraint(condition=models.Q(overall__gte=1, overall__lte=5), name="feedback_overall_1_5"),
            models.CheckConstraint(
                condition=models.Q(usefulness__gte=1, usefulness__lte=5), name="feedback_usefulness_1_5"
            ),
        ]

    def __str__(self):
        return f"answer for event {self.event_id}"
