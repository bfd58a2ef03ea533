"""The answer to registrations' hook `personal_page_box`: a course participant's progress."""

from django.template.loader import render_to_string

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
