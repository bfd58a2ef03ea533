"""Answers to other apps' hooks: a course participant's progress on the personal-link page
(registrations' `personal_page_box`) and a multiplier's landing page after login (accounts' `login_landing`)."""

from django.template.loader import render_to_string
from django.urls import reverse

from accounts.models import User
from accounts.permissions import role_of
from multipliers import queries
from multipliers.permissions import is_course


def progress_box(*, registration, token):
    if not is_course(registration.event):
        return ""
    row = queries.row_for(registration)
    if row is None:
        return ""
    rule = queries.rule_for(registration.event, [cell.module for cell in row.cells])
    offers = queries.make_up_offers(registration.event, row) if rule.allow_make_up and not row.completed else []
    context = {"row": row, "token": token, "offers": offers, "rule": rule}
    return render_to_string("multipliers/_progress.html", context)


def login_landing(*, user):
    """The answer to accounts' hook `login_landing`: a multiplier starts on their own page.

    Asked at the password step, before a code where the account needs one: the role decides where
    to go, the page itself still checks the completed login."""
    return reverse("multipliers:my_profile") if role_of(user) == User.Role.MULTIPLIER else None
