"""A newcomer's path in the local demo: the mail went through SMTP, shows up at /_dev/mails/,
and its link can be clicked (phone viewport, axe-core on both pages)."""

import pytest
from playwright.sync_api import expect

from mail import testing as mail_testing
from mail.services import queue_mail
from mail.testing import deliver_outbox
from tests.browser.axe import assert_no_axe_violations

mail_catcher = mail_testing.mail_catcher  # the fixture, for this module

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_open_the_mail_and_click_its_link(phone, live_server, mail_catcher):
    queue_mail(
        to="erika@example.org",
        template="mail/example/hello",
        context={"name": "Erika", "link": f"{live_server.url}/quellen/"},
        language="de",
    )
    deliver_outbox()

    phone.goto(f"{live_server.url}/_dev/mails/")
    expect(phone.get_by_role("heading", level=1)).to_have_text("Versendete E-Mails (Entwicklung)")
    assert_no_axe_violations(phone)

    phone.get_by_role("link", name="Hallo Erika").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Hallo Erika")
    assert "erika@example.org" in phone.locator("dl.facts").inner_text()
    assert_no_axe_violations(phone)

    phone.locator("pre.mail-text").get_by_role("link", name=f"{live_server.url}/quellen/").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Impressum und Quellen")
