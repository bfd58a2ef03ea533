"""Rate limits of the registration and lost-link forms (counted by `core.public_forms.RateLimit`).

The per-address limit counts attempts, not registrations, so hitting it says nothing about
whether an address is registered."""

from django.utils.translation import gettext_lazy as _

from core.public_forms import PublicForm, RateLimit


def _per_ip(form_name, message=""):
    return RateLimit(group=f"registrations:{form_name}:ip", setting="REGISTRATION_RATE_PER_IP", message=message)


def _per_email(form_name, message="", field=None):
    return RateLimit(
        group=f"registrations:{form_name}:email",
        setting="REGISTRATION_RATE_PER_EMAIL",
        message=message,
        key=lambda form: form.cleaned_data["email"],
        field=field,
    )


REGISTRATION_FORM = PublicForm(
    name="registrations:register",
    limits=(
        _per_ip(
            "register",
            _("Von Ihrem Anschluss kamen gerade sehr viele Anmeldungen. Bitte warten Sie eine Stunde."),
        ),
        _per_email(
            "register",
            _("Mit dieser Adresse wurden gerade sehr viele Anmeldungen geschickt. Bitte warten Sie eine Stunde."),
            field="email",
        ),
    ),
    # A resent form runs `services.register` again: its submission key makes that a no-op that
    # answers like the first time (places taken or waiting list).
    idempotent_action=True,
)

# The lost-link form answers the same whether an address is known, unknown or limited: no messages.
LOST_LINK_LIMITS = (_per_ip("lost-link"), _per_email("lost-link"))
