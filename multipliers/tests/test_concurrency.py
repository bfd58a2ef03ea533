"""Two clicks at the same moment: one certificate run, one multiplier invitation (PostgreSQL row locks)."""

import threading

import pytest
from django.db import connection, connections

from accounts.models import User
from accounts.testing import make_user
from multipliers import services
from multipliers.models import CertificateRun, Multiplier
from multipliers.testing import attend, enrol, make_course

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="real row locks need PostgreSQL"),
]

THREADS = 6


def _at_once(action):
    barrier, errors = threading.Barrier(THREADS), []

    def attempt():
        try:
            barrier.wait()
            action()
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt) for _n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def test_simultaneous_clicks_start_one_certificate_run():
    team = make_user(User.Role.TEAM)
    course = make_course()
    attend(enrol(course), 1, 2, 3, 4, 5, 6)
    assert _at_once(lambda: services.start_certificates(actor=team, course=course)) == []
    assert CertificateRun.objects.filter(course=course).count() == 1


def test_simultaneous_invitations_make_one_account():
    team = make_user(User.Role.TEAM)
    course = make_course()
    person = enrol(course, email="einmal@example.org")
    attend(person, 1, 2, 3, 4, 5, 6)

    def invite():
        if not Multiplier.objects.filter(registration=person).exists():
            services.invite_multiplier(actor=team, registration=person)

    errors = _at_once(invite)
    assert Multiplier.objects.filter(registration=person).count() == 1
    assert User.objects.filter(email="einmal@example.org").count() == 1
    assert all(type(error).__name__ in ("AlreadyInvited",) for error in errors), errors
