"""What the newsletter holds about a person, for privacy's access and erasure tools."""

from newsletter import services
from newsletter.models import Subscriber


def find(email):
    found = Subscriber.objects.current().filter(email__iexact=email.strip())
    return list(found.prefetch_related("districts", "topics"))


def export(records, *, now):
    return [
        {
            "email": s.email,
            "status": s.status,
            "language": s.language,
            "regions": [d.name for d in s.districts.all()],
            "topics": [t.name for t in s.topics.all()],
            "subscribed_at": s.created_at.isoformat(),
            "confirmed_at": s.confirmed_at.isoformat() if s.confirmed_at else None,
            "privacy_notice_version": s.privacy_notice_version,
        }
        for s in records
    ]


def erase(records, *, now):
    ended = sum(1 for s in records if services.unsubscribe(subscriber=s, now=now))
    return {"cancelled": ended, "anonymised": ended, "mails_deleted": 0}
