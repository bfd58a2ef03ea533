"""The webhooks page: own subscriptions only, the secret shown to its account, a log with fixed queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from audit.models import Entry
from webhooks.models import Delivery, Subscription
from webhooks.signing import secret_for
from webhooks.testing import make_subscription

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("persona", "status"),
    [("admin", 200), ("team", 200), ("trainer_a", 200), ("partner_without_names", 200), ("multiplier", 403)],
)
def test_who_reaches_the_webhooks_page(client, login_as, persona, status, request):
    login_as(request.getfixturevalue(persona))
    assert client.get("/team/webhooks/").status_code == status


def test_subscribing_pausing_and_deleting(client, login_as, team):
    login_as(team)
    got = client.post("/team/webhooks/neu/", {"url": "https://example.org/in", "event_types": ["event.published"]})
    subscription = Subscription.objects.get()
    assert got.status_code == 302 and subscription.user == team
    detail = client.get(f"/team/webhooks/{subscription.pk}/")
    assert secret_for(subscription) in detail.content.decode()
    client.post(f"/team/webhooks/{subscription.pk}/pausieren/")
    subscription.refresh_from_db()
    assert not subscription.is_active
    client.post(f"/team/webhooks/{subscription.pk}/loeschen/")
    assert not Subscription.objects.exists()
    actions = set(Entry.objects.values_list("action", flat=True))
    assert {"webhook.created", "webhook.paused", "webhook.deleted"} <= actions


def test_someone_elses_subscription_is_404(client, login_as, team, trainer_a):
    subscription = make_subscription(team)
    login_as(trainer_a)
    assert client.get(f"/team/webhooks/{subscription.pk}/").status_code == 404
    assert client.post(f"/team/webhooks/{subscription.pk}/loeschen/").status_code == 404


def test_list_and_log_need_the_same_queries_for_few_and_many(client, login_as, team):
    login_as(team)
    subscription = make_subscription(team)

    def queries(path):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(path).status_code == 200
        return len(captured)

    few = (queries("/team/webhooks/"), queries(f"/team/webhooks/{subscription.pk}/"))
    for n in range(10):
        make_subscription(team)
        Delivery.objects.create(
            subscription=subscription, message_id=f"msg_{n}", event_type="event.published", payload={}
        )
    assert (queries("/team/webhooks/"), queries(f"/team/webhooks/{subscription.pk}/")) == few
