"""The contact-form flow any app can call from its view (initiatives, the Wegweiser's agencies, …)."""

from django.utils.translation import gettext_lazy as _

from core.public_forms import PublicForm, RateLimit, Submission
from relay.services import send_relay_message

_TOO_MANY = _(
    "Sie haben in kurzer Zeit viele Nachrichten gesendet. Ihre Nachricht ist unten noch da: "
    "bitte senden Sie sie in einer Stunde noch einmal."
)

CONTACT_FORM = PublicForm(
    name="relay",
    limits=(
        RateLimit(group="relay:ip", setting="RELAY_RATE_PER_IP", message=_TOO_MANY),
        # Per sender, however the address is capitalised: one person cannot flood one inbox.
        RateLimit(
            group="relay:sender",
            setting="RELAY_RATE_PER_SENDER",
            message=_TOO_MANY,
            key=lambda form: form.cleaned_data["sender_email"].casefold(),
        ),
    ),
)


def submit_contact(request, form, *, recipient_email: str, recipient_label: str, language: str) -> Submission:
    """Guard and send a POSTed `RelayContactForm` (see `core.public_forms`).

    `done` for the success page: also for a bot caught by the honeypot (nothing is sent) and for
    the same form sent twice (sent once). Otherwise the form carries the errors to show, with
    `status` (429 after a rate limit)."""

    def send():
        data = form.cleaned_data
        send_relay_message(
            recipient_email=recipient_email,
            recipient_label=recipient_label,
            sender_name=data["sender_name"],
            sender_email=data["sender_email"],
            share_address=data["share_address"],
            message=data["message"],
            language=language,
        )

    return CONTACT_FORM.submit(request, form, action=send)
