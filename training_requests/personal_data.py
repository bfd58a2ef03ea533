"""What training requests hold about a requester, for privacy's access and erasure tools."""

from training_requests.models import TrainingRequest
from training_requests.services import anonymise


def requests_of(email):
    return list(TrainingRequest.objects.filter(contact_email__iexact=email, anonymised_at__isnull=True).order_by("pk"))


def export(records, *, now):
    return [
        {
            "organisation": r.organisation,
            "contact_name": r.contact_name,
            "contact_email": r.contact_email,
            "contact_phone": r.contact_phone,
            "municipality": r.municipality.name,
            "message": r.message,
            "local_partners": r.local_partners,
            "state": r.state,
            "created_at": r.created_at.isoformat(),
            "messages": [
                {"from_team": m.from_team, "body": m.body, "at": m.created_at.isoformat()} for m in r.messages.all()
            ],
        }
        for r in records
    ]


def erase(records, *, now):
    count = anonymise(TrainingRequest.objects.filter(pk__in=[r.pk for r in records]), now=now)
    return {"cancelled": 0, "anonymised": count, "mails_deleted": 0}
