"""The development mail view: mail really goes through SMTP to the catcher and shows up in the browser."""

import pytest

from mail import testing as mail_testing
from mail.services import queue_mail
from mail.testing import deliver_outbox

mail_catcher = mail_testing.mail_catcher  # the fixture, for this module

pytestmark = pytest.mark.django_db


def send(n=1):
    for index in range(n):
        queue_mail(
            to=f"erika{index}@example.org",
            template="mail/example/hello",
            context={"name": f"Erika {index}", "link": "http://127.0.0.1:8000/bestaetigen/tok-123/"},
        )
    deliver_outbox()


def test_caught_mail_is_listed_and_readable_with_clickable_links(client, mail_catcher):
    send()
    assert len(list(mail_catcher.glob("*.eml"))) == 1

    page = client.get("/_dev/mails/")
    text = page.content.decode()
    assert "Versendete E-Mails (Entwicklung)" in text
    assert "Hallo Erika 0" in text and "erika0@example.org" in text
    assert "gesendet" in text  # outbox status counts
    (name,) = [path.stem for path in mail_catcher.glob("*.eml")]
    assert f'href="/_dev/mails/{name}/"' in text

    detail = client.get(f"/_dev/mails/{name}/").content.decode()
    # Text part with the link made clickable, and the cleaned HTML part with its own link.
    assert detail.count('href="http://127.0.0.1:8000/bestaetigen/tok-123/"') == 2
    assert "Message-ID" in detail and "<script" not in detail.split("</head>")[1]


def test_footer_links_to_the_mail_view_only_in_development(client, mail_catcher, settings):
    assert 'href="/_dev/mails/"' in client.get("/_dev/mails/").content.decode()
    settings.DEBUG = False
    assert client.get("/_dev/mails/").status_code == 404
    assert 'href="/_dev/mails/"' not in client.get("/quellen/").content.decode()


def test_unknown_or_malformed_names_are_404(client, mail_catcher):
    assert client.get("/_dev/mails/20990101T000000000000-deadbeef/").status_code == 404
    assert client.get("/_dev/mails/..%2f..%2fsecret/").status_code == 404


def test_mail_view_in_english(client, mail_catcher):
    send()
    text = client.get("/en/_dev/mails/").content.decode()
    assert "Sent e-mails (development)" in text
    assert "sent" in text


def test_list_query_count_does_not_grow_with_mails(client, mail_catcher, django_assert_max_num_queries):
    send(1)
    with django_assert_max_num_queries(3):
        assert "Hallo Erika 0" in client.get("/_dev/mails/").content.decode()
    send(49)
    with django_assert_max_num_queries(3):
        assert "Hallo Erika 48" in client.get("/_dev/mails/").content.decode()


def test_attachments_can_be_downloaded_with_their_type_and_name(client, mail_catcher, settings):
    from mail.services import Attachment

    pdf = b"%PDF-1.4\n% Teilnahmebescheinigung\n%%EOF\n"
    calendar = b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"
    queue_mail(
        to="erika@example.org",
        template="mail/example/hello",
        context={"name": "Erika", "link": "http://127.0.0.1:8000/"},
        attachments=[
            Attachment("teilnahmebescheinigung-schulung.pdf", pdf, "application/pdf"),
            Attachment("termin-pirna-größe.ics", calendar, "text/calendar"),
        ],
    )
    deliver_outbox()
    (name,) = [path.stem for path in mail_catcher.glob("*.eml")]

    detail = client.get(f"/_dev/mails/{name}/").content.decode()
    assert f'<a href="/_dev/mails/{name}/anhang/1/" download>teilnahmebescheinigung-schulung.pdf</a>' in detail
    assert f'<a href="/_dev/mails/{name}/anhang/2/" download>termin-pirna-größe.ics</a>' in detail

    response = client.get(f"/_dev/mails/{name}/anhang/1/")
    assert response.content == pdf
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="teilnahmebescheinigung-schulung.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"

    response = client.get(f"/_dev/mails/{name}/anhang/2/")
    assert response.content == calendar
    assert response["Content-Type"] == "text/calendar"
    assert response["Content-Disposition"] == "attachment; filename*=utf-8''termin-pirna-gr%C3%B6%C3%9Fe.ics"

    assert client.get(f"/_dev/mails/{name}/anhang/3/").status_code == 404
    assert client.get(f"/_dev/mails/{name}/anhang/0/").status_code == 404
    settings.DEBUG = False
    assert client.get(f"/_dev/mails/{name}/anhang/1/").status_code == 404
