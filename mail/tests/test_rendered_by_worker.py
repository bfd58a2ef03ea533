"""A mail queued with a recipe (`Rebuild`) is written unrendered in the caller's transaction; the
request renders nothing, not even after its commit: the worker renders it from the recipe."""

import pytest
from django.test.signals import template_rendered
from django_tasks_db.models import DBTaskResult

from mail.models import OutboxMessage
from mail.rendering import Rebuild
from mail.services import queue_mail
from mail.tasks import SEND_TASK_PATH
from mail.testing import deliver_outbox

pytestmark = pytest.mark.django_db

RECIPE = "mail.tests.test_rendered_by_worker.hello_again"


def hello_again(*, name):
    """The recipe: the context as it is now, None when the person is gone."""
    return None if name == "weg" else {"name": name, "link": "https://example.org/bestaetigen/x/"}


def queue(name):
    return queue_mail(
        to="kim@example.org",
        template="mail/example/hello",
        language="de",
        rebuild=Rebuild(RECIPE, {"name": name}),
    )


def rendered_templates():
    names = []

    def note(sender, template, **kwargs):
        names.append(template.name)

    template_rendered.connect(note)
    return names, lambda: template_rendered.disconnect(note)


def test_the_request_renders_nothing_and_its_commit_only_enqueues_the_send(
    django_capture_on_commit_callbacks, smtp_server
):
    names, stop = rendered_templates()
    try:
        with django_capture_on_commit_callbacks() as callbacks:
            message = queue("Kim")
            row = OutboxMessage.objects.get(pk=message.pk)
            assert (row.rendered, row.subject, row.text, row.html) == (False, "", "", "")
            assert not DBTaskResult.objects.filter(task_path=SEND_TASK_PATH).exists()
        for callback in callbacks:  # the commit
            callback()
        assert names == []
        row = OutboxMessage.objects.get(pk=message.pk)
        assert (row.rendered, row.text) == (False, "")
        assert DBTaskResult.objects.filter(task_path=SEND_TASK_PATH).count() == 1
        deliver_outbox()  # the worker
    finally:
        stop()
    assert "mail/example/hello.txt" in names
    (mail,) = smtp_server.messages_to("kim@example.org")
    assert mail.subject == "Hallo Kim"
    assert "https://example.org/bestaetigen/x/" in mail.text  # the recipe's context


def test_a_row_whose_commit_callback_never_ran_is_sent_all_the_same(smtp_server):
    queue("Kim")  # no commit: no job enqueued
    deliver_outbox()
    (mail,) = smtp_server.messages_to("kim@example.org")
    assert mail.subject == "Hallo Kim"
    assert "https://example.org/bestaetigen/x/" in mail.text
    assert OutboxMessage.objects.get().status == OutboxMessage.Status.SENT


def test_a_recipe_that_finds_nothing_sends_nothing(smtp_server):
    queue("weg")
    deliver_outbox()
    assert smtp_server.messages_to("kim@example.org") == []
    row = OutboxMessage.objects.get()
    assert row.status == OutboxMessage.Status.FAILED and row.last_error == "NotRenderable"
