from datetime import UTC, datetime, timedelta

import pytest
from django import forms
from django.utils import timezone

from privacy.consent import ConsentFormMixin
from privacy.models import PrivacyNotice
from privacy.queries import current_notice

pytestmark = [pytest.mark.django_db, pytest.mark.clock]


class SignupForm(ConsentFormMixin, forms.Form):
    email = forms.EmailField()


def publish(version, *, days_ago=1, text="Neue Fassung"):
    return PrivacyNotice.objects.create(
        version=version, text=text, text_en="New version", published_at=timezone.now() - timedelta(days=days_ago)
    )


def test_a_fresh_installation_has_version_1_published_by_the_migration():
    notice = current_notice()
    assert notice.version == 1
    assert "Ihre Rechte" in notice.text


def test_current_notice_is_the_newest_published_version_and_ignores_future_ones():
    publish(2, text="## Zweite Fassung")
    publish(3, days_ago=-5, text="## Noch nicht gültig")
    assert current_notice().version == 2
    assert current_notice(now=timezone.now() + timedelta(days=6)).version == 3


def test_notice_page_shows_the_current_version_in_german_and_english(client):
    publish(2, text="## Zweite Fassung\n\nWir speichern **wenig**.")
    page = client.get("/datenschutz/").content.decode()
    assert "Version 2" in page
    assert "<strong>wenig</strong>" in page
    assert "Frühere Fassungen" in page
    english = client.get("/en/datenschutz/").content.decode()
    assert "Privacy notice" in english
    assert "New version" in english


def test_an_earlier_version_stays_readable_and_says_it_is_not_current(client):
    publish(2)
    page = client.get("/datenschutz/version/1/").content.decode()
    assert "Version 1" in page
    assert "Es gilt Version 2" in page
    assert client.get("/datenschutz/version/99/").status_code == 404


def test_markdown_in_the_notice_cannot_inject_script(client):
    publish(2, text='<script>alert("x")</script> [link](javascript:alert(1)) <img src=x onerror=alert(1)>')
    page = client.get("/datenschutz/").content.decode()
    assert "<script>alert" not in page
    assert "javascript:" not in page
    assert "onerror" not in page


def test_footer_links_to_the_privacy_notice(client):
    page = client.get("/quellen/").content.decode()
    assert 'href="/datenschutz/"' in page


def test_consent_form_records_the_version_that_was_shown_and_the_time():
    publish(2)
    shown = SignupForm()
    assert shown["privacy_notice_version"].initial == 2
    assert 'href="/datenschutz/"' in str(shown["privacy_consent"].label)
    publish(3)  # a new version appears while the form is open
    at = datetime(2026, 3, 1, 10, 0, tzinfo=UTC)
    form = SignupForm(data={"email": "a@example.org", "privacy_consent": "on", "privacy_notice_version": "2"})
    assert form.is_valid()
    consent = form.consent(now=at)
    assert consent.as_fields() == {"privacy_notice_version": 2, "privacy_consented_at": at}


def test_consent_is_required_with_a_message_that_says_what_to_do():
    form = SignupForm(data={"email": "a@example.org", "privacy_notice_version": "1"})
    assert not form.is_valid()
    assert form.errors["privacy_consent"] == ["Bitte bestätigen Sie, dass Sie die Datenschutzerklärung gelesen haben."]


def test_a_tampered_version_is_replaced_by_the_current_one():
    form = SignupForm(data={"email": "a@example.org", "privacy_consent": "on", "privacy_notice_version": "77"})
    assert form.is_valid()
    assert form.consent().version == 1
