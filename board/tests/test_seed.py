"""The demo's board: public needs and offers, posts waiting for review, fictional addresses only."""

import pytest

from board.models import Post
from demo.seeders.board import seed_board
from demo.seeders.network import seed_initiatives

pytestmark = pytest.mark.django_db


def test_demo_board_has_public_and_waiting_posts_with_fictional_addresses(client):
    seed_initiatives()
    assert seed_board() == 11
    assert Post.objects.public().count() == 8
    assert Post.objects.filter(status="pending").count() == 3
    assert Post.objects.filter(needs_review_for_contact_data=True, status="pending").exists()
    assert Post.objects.filter(reports__isnull=False).exists()
    assert all(email.endswith("@example.org") for email in Post.objects.values_list("email", flat=True))
    assert "8 Beiträge gefunden" in client.get("/suche-biete/").content.decode()
