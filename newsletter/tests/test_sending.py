"""Sending an issue: selection and count, test mail, throttled batches through the outbox and the
worker, exactly one copy per subscriber (started twice, worker killed and restarted), withdrawn
copies of people who unsubscribe meanwhile, progress and the final report."""

from collections import Counter
from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from audit.models import Entry
from events.models import Topic
from mail.models import OutboxMessage
from mail.testing import deliver_outbox, run_jobs
from newsletter import services
from newsletter.models import Delivery, Sending
from newsletter.queries import recipients
from newsletter.testing import district, make_issue, make_subscriber

pytestmark = pytest.mark.django_db


def subscribers(count, **fields):
    return [make_subscriber(f"leser{n}@example.org", **fields) for n in range(count)]


def run_sending(clock, rounds=10):
    """What the worker and the scheduler do: due batches (one a minute), then the outbox."""
    for _ in range(rounds):
        services.resume_sendings()
        run_jobs()
        deliver_outbox()
        if not Sending.objects.exclude(status=Sending.Status.DONE).exists():
            return
        clock.shift(timedelta(seconds=61))
    services.resume_sendings()


def test_recipients_by_region_and_topic():
    asyl = Topic.objects.create(name="Asylrecht", slug="asylrecht")
    sprache = Topic.objects.create(name="Sprache", slug="sprache")
    goerlitz, bautzen = district("Görlitz"), district("Bautzen")
    everywhere = make_subscriber("alle@example.org")
    in_goerlitz = make_subscriber("goerlitz@example.org", districts=[goerlitz])
    make_subscriber("bautzen@example.org", districts=[bautzen])
    goerlitz_language = make_subscriber("sprache@example.org", districts=[goerlitz], topics=[sprache])
    make_subscriber("pending@example.org", status="pending")

    def chosen(districts=(), topics=()):
        return set(recipients(districts=districts, topics=topics).values_list("email", flat=True))

    assert len(chosen()) == 4
    assert chosen([goerlitz]) == {everywhere.email, in_goerlitz.email, goerlitz_language.email}
    assert chosen([goerlitz], [asyl]) == {everywhere.email, in_goerlitz.email}


def test_team_counts_tests_sends_and_sees_the_report(client, team, login_as, smtp_server, clock, settings):
    settings.NEWSLETTER_RATE_PER_MINUTE = 3
    issue = make_issue()
    goerlitz = district("Görlitz")
    subscribers(7, districts=[goerlitz])
    make_subscriber("bautzen@example.org", districts=[district("Bautzen")])
    login_as(team)
    page = client.get(f"/team/newsletter/ausgaben/{issue.pk}/versand/?zaehlen=1&districts={goerlitz.pk}")
    assert "7 Empfänger_innen für diese Auswahl" in page.content.decode()

    client.post(f"/team/newsletter/ausgaben/{issue.pk}/versand/", {"action": "test"})
    deliver_outbox()
    (test_mail,) = smtp_server.messages_to(team.email)
    assert test_mail.subject.strip().startswith("[Test]") and issue.title in test_mail.subject

    response = client.post(
        f"/team/newsletter/ausgaben/{issue.pk}/versand/", {"action": "send", "districts": [goerlitz.pk]}
    )
    sending = Sending.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/team/newsletter/versand/{sending.pk}/"
    assert Entry.objects.filter(action="newsletter.sending_started").count() == 1

    services.resume_sendings()  # the first batch: three copies, the next in a minute
    assert Delivery.objects.count() == 3
    services.resume_sendings()
    assert Delivery.objects.count() == 3  # throttled: not yet due
    progress = client.get(response["Location"]).content.decode()
    assert "Fortschritt" in progress

    run_sending(clock)
    sending.refresh_from_db()
    assert sending.status == Sending.Status.DONE
    assert (sending.sent_count, sending.failed_count, sending.withdrawn_count) == (7, 0, 0)
    report = client.get(response["Location"]).content.decode()
    assert "Abschlussbericht" in report
    assert len(smtp_server.messages) == 1 + 7
    assert not smtp_server.messages_to("bautzen@example.org")


def test_an_empty_selection_or_an_unpublished_issue_is_refused_with_the_reason(client, team, login_as):
    issue = make_issue()
    login_as(team)
    response = client.post(f"/team/newsletter/ausgaben/{issue.pk}/versand/", {"action": "send"})
    assert response.status_code == 409 and "keine Empfänger_innen" in response.content.decode()
    draft = make_issue(number=3, published=False)
    make_subscriber("leser@example.org")
    response = client.post(f"/team/newsletter/ausgaben/{draft.pk}/versand/", {"action": "send"})
    assert response.status_code == 409 and "noch nicht veröffentlicht" in response.content.decode()
    assert not Sending.objects.exists()


def test_unsubscribed_after_queueing_gets_nothing(smtp_server, team, clock):
    issue = make_issue()
    stays, leaves = make_subscriber("bleibt@example.org"), make_subscriber("geht@example.org")
    services.start_sending(issue=issue, districts=[], topics=[], by=team)
    services.resume_sendings()
    assert OutboxMessage.objects.filter(to="geht@example.org").exists()
    services.unsubscribe(subscriber=leaves)
    run_sending(clock)
    assert [m.to for m in smtp_server.messages] == [stays.email]
    sending = Sending.objects.get()
    assert (sending.sent_count, sending.withdrawn_count) == (1, 1)


def test_exactly_one_copy_when_started_twice_and_the_worker_is_killed_and_restarted(smtp_server, team, clock, settings):
    settings.NEWSLETTER_RATE_PER_MINUTE = 10
    issue = make_issue()
    people = subscribers(25)
    first = services.start_sending(issue=issue, districts=[], topics=[], by=team)
    again = services.start_sending(issue=issue, districts=[], topics=[], by=team)  # a second click
    assert again.pk == first.pk

    # The batch job runs twice (enqueued by both starts, or a restarted worker runs it again).
    services.queue_batch(sending_id=first.pk)
    services.queue_batch(sending_id=first.pk)
    assert Delivery.objects.count() == 10

    # A worker claims three copies and is killed mid-send: rows stay "sending", its job "running".
    killed = list(OutboxMessage.objects.order_by("id")[:3])
    OutboxMessage.objects.filter(pk__in=[m.pk for m in killed]).update(
        status=OutboxMessage.Status.SENDING, claimed_at=timezone.now(), attempts=1
    )
    job = DBTaskResult.objects.filter(task_path="newsletter.tasks.send_batch").first()
    if job is not None:
        job.claim("worker-that-was-killed")
    clock.shift(timedelta(seconds=settings.MAIL_SENDING_TIMEOUT + 61))

    # A new worker: the sweep puts the stuck rows back; every batch and every copy goes once.
    run_sending(clock)
    # Started once more after everything went out: nobody is left, so it is refused.
    with pytest.raises(services.SendingRefused):
        services.start_sending(issue=issue, districts=[], topics=[], by=team)

    ids = smtp_server.message_ids()
    assert len(ids) == 25 and len(set(ids)) == 25
    per_person = Counter(address for mail in smtp_server.messages for address in mail.rcpt_tos)
    assert per_person == Counter({p.email: 1 for p in people})
    assert Delivery.objects.count() == 25
    assert Sending.objects.get().sent_count == 25
