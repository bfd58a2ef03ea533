"""Extra header lines a caller asks for travel in the outbox row and reach the SMTP server."""

import pytest

from mail.services import queue_mail
from mail.testing import deliver_outbox

pytestmark = pytest.mark.django_db


def hello(**kwargs):
    return queue_mail(
        to="person@example.org", template="mail/example/hello", context={"name": "Kim", "link": "x"}, **kwargs
    )


def test_extra_headers_are_sent_as_given(smtp_server):
    hello(
        headers={
            "List-Unsubscribe": "<https://example.org/abmelden/t/>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        }
    )
    deliver_outbox()
    (mail,) = smtp_server.messages
    assert mail.header("List-Unsubscribe").strip() == "<https://example.org/abmelden/t/>"
    assert mail.header("List-Unsubscribe-Post") == "List-Unsubscribe=One-Click"


@pytest.mark.parametrize("headers", [{"Message-ID": "<x@y>"}, {"Reply-To": "a@b.c"}, {"X-Evil": "a\r\nBcc: x@y"}])
def test_headers_the_outbox_sets_itself_or_spanning_lines_are_refused(headers):
    with pytest.raises(ValueError):
        hello(headers=headers)
