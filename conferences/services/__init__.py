"""The conference's writes, one module per concern (imported here as one `services` namespace):

- `places`: workshop places for people (the only code that hands them out; see its docstring);
- `programme`: the team's programme, check-in per workshop, badges;
- `reimbursements`: travel-cost requests, decisions, SEPA batches, payment confirmation;
- `common`: the locking errors, the lock order of the sessions, mails to a person.
"""

from conferences.services.common import Gone, Stale
from conferences.services.places import (
    NoPlace,
    change_choice,
    choose_at_registration,
    end_choices,
    seat_given,
)
from conferences.services.programme import (
    check_in,
    check_in_from_badge,
    create_conference,
    delete_item,
    delete_session,
    print_badges,
    save_item,
    set_published,
)
from conferences.services.reimbursements import (
    AlreadyConfirmed,
    NotEligible,
    confirm_paid,
    decide_reimbursement,
    export_payments,
    record_bank_data_view,
    reimbursement_refusal,
    set_reimbursement_offered,
    submit_reimbursement,
)

__all__ = [
    "AlreadyConfirmed",
    "Gone",
    "NoPlace",
    "NotEligible",
    "Stale",
    "change_choice",
    "check_in",
    "check_in_from_badge",
    "choose_at_registration",
    "confirm_paid",
    "create_conference",
    "decide_reimbursement",
    "delete_item",
    "delete_session",
    "end_choices",
    "export_payments",
    "print_badges",
    "record_bank_data_view",
    "reimbursement_refusal",
    "save_item",
    "seat_given",
    "set_published",
    "set_reimbursement_offered",
    "submit_reimbursement",
]
