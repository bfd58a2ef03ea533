"""A mail queued with a recipe (`Rebuild`) is written unrendered in the caller's transaction and
rendered after its commit; if the process ends in between, the worker renders it from the recipe."""

import pytest
from django.test.signals import template_rendered
from django_tasks_db.models import DBTaskResult

from mail.models import OutboxMessage
from mail.rendering import Rebuild
from mail.services import queue_mail
from mail.tasks import SEND_TASK_PATH
from mail.testing import deliver_outbox

pytestmark = pytest.mark.django_db

RECIPE = "mail.tests.test_render_after_commit.hello_again"


def hello_again(*, name):
    """The recipe: the context as it is now, None when the person is gone."""
    return None if name == "weg" else {"name": name, "link": "https://example.org/bestaetigen/x/"}


def queue(name, context):
    return queue_mail(
        to="kim@example.org",
        template="mail/example/hello",
        context=context,
        language="de",
        rebuild=Rebuild(RECIPE, {"name": name}),
    )


def rendered_templates():
    names = []

    def note(sender, template, **kwargs):
        names.append(template.name)

    template_rendered.connect(note)
    return names, lambda: template_rendered.disconnect(note)


def test_nothing_is_rendered_in_the_transaction_and_everything_right_after_its_commit(
    django_capture_on_commit_callbacks,
):
    names, stop = rendered_templates()
    try:
        with django_capture_on_commit_callbacks() as callbacks:
            message = queue("Kim", {"name": "Kim", "link": "https://example.org/bestaetigen/k/"})
            inside = list(names)
            row = OutboxMessage.objects.get(pk=message.pk)
            assert (row.rendered, row.subject, row.text, row.html) == (False, "", "", "")
            assert not DBTaskResult.objects.filter(task_path=SEND_TASK_PATH).exists()
        for callback in callbacks:  # the commit
            callback()
    finally:
        stop()
    assert inside == []
    assert "mail/example/hello.txt" in names
    row = OutboxMessage.objects.get(pk=message.pk)
    assert row.rendered and row.subject == "Hallo Kim"
    assert "https://example.org/bestaetigen/k/" in row.text  # the context in hand, not the recipe's
    assert DBTaskResult.objects.filter(task_path=SEND_TASK_PATH).count() == 1


def test_a_row_its_process_left_unrendered_is_rendered_by_the_worker_from_its_recipe(smtp_server):
    queue("Kim", {"name": "Kim", "link": "https://example.org/bestaetigen/k/"})  # no commit: no callback ran
    deliver_outbox()
    (mail,) = smtp_server.messages_to("kim@example.org")
    assert mail.subject == "Hallo Kim"
    assert "https://example.org/bestaetigen/x/" in mail.text
    assert OutboxMessage.objects.get().status == OutboxMessage.Status.SENT


def test_a_recipe_that_finds_nothing_sends_nothing(smtp_server):
    queue("weg", {"name": "weg", "link": "x"})
    deliver_outbox()
    assert smtp_server.messages_to("kim@example.org") == []
    row = OutboxMessage.objects.get()
    assert row.status == OutboxMessage.Status.FAILED and row.last_error == "NotRenderable"
