"""Demo data: approved initiatives in every district, one proposal, and a fast bulk path."""

import pytest

from demo.seeders.network import seed_initiatives
from network.models import Initiative
from regions.models import District

pytestmark = pytest.mark.django_db


def test_demo_initiatives_cover_every_district_with_fictional_addresses():
    made = seed_initiatives()

    assert made == Initiative.objects.count() == 13 * 3 + 1
    approved = Initiative.objects.approved()
    assert set(approved.values_list("municipality__district", flat=True)) == set(
        District.objects.values_list("id", flat=True)
    )
    assert Initiative.objects.filter(status=Initiative.Status.PROPOSED).count() == 1
    assert all(email.endswith("@example.org") for email in Initiative.objects.values_list("contact_email", flat=True))
    assert all(row.search_text for row in Initiative.objects.all())


def test_bulk_path_for_benchmarks(django_assert_max_num_queries):
    with django_assert_max_num_queries(30):
        made = seed_initiatives(count=1000)

    assert made == Initiative.objects.approved().count() == 1000
    assert Initiative.objects.values("slug").distinct().count() == 1000
