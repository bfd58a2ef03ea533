"""The HSDS API, validated against the official HSDS 3.0 schemas vendored in hsds_schemas/."""

import json
from datetime import datetime
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from directory.models import Service, TaxonomyTerm
from directory.testing import make_agency

pytestmark = pytest.mark.django_db
SCHEMAS = Path(__file__).resolve().parent / "hsds_schemas"


def _schema(name):
    return json.loads((SCHEMAS / name).read_text(encoding="utf-8"))


FORMATS = FormatChecker()


@FORMATS.checks("date-time", raises=ValueError)
def _is_datetime(value):
    # jsonschema checks date-time only with an optional package; this is the same RFC 3339 rule.
    return isinstance(value, str) and "T" in value and datetime.fromisoformat(value.replace("Z", "+00:00")).tzinfo


@FORMATS.checks("uri", raises=ValueError)
def _is_uri(value):
    return isinstance(value, str) and value.startswith(("http://", "https://")) and " " not in value


REGISTRY = Registry().with_resources(
    [(name, Resource.from_contents(_schema(name), default_specification=DRAFT202012)) for name in ["taxonomy.json"]]
)
PAGE = _schema("openapi_page.json")["Page"]


def validate(instance, schema_name):
    validator = Draft202012Validator(_schema(schema_name), registry=REGISTRY, format_checker=FORMATS)
    errors = sorted(validator.iter_errors(instance), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors]


def validate_page(body, item_schema):
    errors = list(Draft202012Validator(PAGE).iter_errors(body))
    assert not errors, [e.message for e in errors]
    for item in body["contents"]:
        validate(item, item_schema)


def test_services_list_is_valid_hsds_with_paging(client):
    for n in range(3):
        make_agency(name=f"Beratung {n}", place="Pirna")

    first = client.get("/api/hsds/services", {"per_page": 2}).json()
    second = client.get("/api/hsds/services", {"per_page": 2, "page": 2}).json()
    beyond = client.get("/api/hsds/services", {"per_page": 2, "page": 3}).json()

    validate_page(first, "service_list.json")
    validate_page(second, "service_list.json")
    assert {
        k: first[k] for k in ("total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty")
    } == {
        "total_items": 3,
        "total_pages": 2,
        "page_number": 1,
        "size": 2,
        "first_page": True,
        "last_page": False,
        "empty": False,
    }
    assert (second["size"], second["first_page"], second["last_page"]) == (1, False, True)
    assert (beyond["empty"], beyond["contents"]) == (True, [])
    ids = [item["id"] for item in first["contents"] + second["contents"]]
    assert sorted(ids) == sorted(str(s.id) for s in Service.objects.all())
    assert first["contents"][0]["organization"]["name"].startswith("Beratungsverein")


def test_service_detail_is_fully_nested_and_valid(client):
    service = make_agency(name="Asylberatung Pirna", place="Pirna", languages=["de", "ar"])
    body = client.get(f"/api/hsds/services/{service.id}").json()

    validate(body, "service_list.json")  # every one-to-one field and the nested organization
    for attribute in body["attributes"]:
        validate(attribute["taxonomy_term"], "taxonomy_term.json")
    assert body["name"] == "Asylberatung Pirna"
    assert {lang["code"] for lang in body["languages"]} == {"de", "ar"}
    assert body["service_areas"][0]["ars"] == "14628"
    location = body["service_at_locations"][0]["location"]
    assert location["municipality_ars"] == service.service_at_locations.get().location.municipality.ars
    assert location["addresses"][0]["address_1"] == "Markt 1"
    assert body["schedules"][0]["byday"] == "MO,TU,WE,TH,FR"
    assert body["phones"][0]["number"].startswith("0351 000")


def test_organizations_taxonomies_and_terms_are_valid(client):
    service = make_agency(place="Pirna")
    organizations = client.get("/api/hsds/organizations").json()
    validate_page(organizations, "organization_list.json")
    organization = client.get(f"/api/hsds/organizations/{service.organization_id}").json()
    validate(organization, "organization_list.json")
    assert organization["services"][0]["id"] == str(service.id)
    full = client.get(f"/api/hsds/organizations/{service.organization_id}", {"full_service": "true"}).json()
    assert full["services"][0]["service_at_locations"]

    terms = client.get("/api/hsds/taxonomy_terms").json()
    validate_page(terms, "taxonomy_term.json")
    assert terms["contents"][0]["code"] == "asylverfahrensberatung"
    term = TaxonomyTerm.objects.get()
    validate(client.get(f"/api/hsds/taxonomy_terms/{term.id}").json(), "taxonomy_term.json")
    validate_page(client.get("/api/hsds/taxonomies").json(), "taxonomy.json")


def test_services_filter_by_taxonomy_term_and_organization(client):
    wanted = make_agency(place="Pirna", topics=["asylverfahrensberatung"])
    make_agency(place="Pirna", topics=["sprachkurse"])
    term = TaxonomyTerm.objects.get(code="asylverfahrensberatung")
    by_term = client.get("/api/hsds/services", {"taxonomy_term_id": str(term.id)}).json()
    by_org = client.get("/api/hsds/services", {"organization_id": str(wanted.organization_id)}).json()
    assert [s["id"] for s in by_term["contents"]] == [str(wanted.id)]
    assert [s["id"] for s in by_org["contents"]] == [str(wanted.id)]


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/api/hsds/services?page=abc", 400),
        ("/api/hsds/services?page=0", 400),
        ("/api/hsds/services?per_page=-1", 400),
        ("/api/hsds/services?taxonomy_term_id=nope", 400),
        ("/api/hsds/services/nope", 404),
        ("/api/hsds/services/68df9c51-9871-4815-befd-4c30c7dcb11f", 404),
        ("/api/hsds/organizations/09d3c74d-62a2-4d04-bc7b-631a28e8ef13", 404),
        ("/api/hsds/taxonomy_terms/123", 404),
    ],
)
def test_bad_requests_get_json_errors(client, url, status):
    response = client.get(url)
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    assert response.json()["error"]


def test_per_page_is_capped(client):
    make_agency(place="Pirna")
    body = client.get("/api/hsds/services", {"per_page": 100000}).json()
    assert body["total_items"] == 1 and body["size"] == 1


def test_services_list_query_count_is_fixed(client):
    make_agency(place="Pirna")
    with CaptureQueriesContext(connection) as one:
        client.get("/api/hsds/services")
    for _ in range(49):
        make_agency(place="Pirna")
    with CaptureQueriesContext(connection) as fifty:
        body = client.get("/api/hsds/services").json()
    assert body["size"] == 50
    assert len(one) == len(fifty)
