"""HSDS 3.0 JSON objects for the API: the tabular rows, nested the way the API describes.

Empty values are left out rather than sent as "" or null: HSDS fields are typed strings with
formats (uri, email, uuid) that an empty string would violate.
"""

from django.db.models import Prefetch

from directory.hsds import tables
from directory.hsds.values import row_values, to_json
from directory.models import Attribute, Location, Organization, Service, ServiceArea, ServiceAtLocation

# Fields the HSDS schemas require even when we have nothing to say (sent as "").
ALWAYS = {"organization": {"description"}, "taxonomy": {"description"}, "taxonomy_term": {"description"}}


def flat(table, obj) -> dict:
    keep = ALWAYS.get(table.name, set())
    values = row_values(table, obj)
    return {key: to_json(value) for key, value in values.items() if value is not None and (value != "" or key in keep)}


def service_list_item(service) -> dict:
    data = flat(tables.SERVICE, service)
    data["organization"] = flat(tables.ORGANIZATION, service.organization)
    return data


def organization_list_item(organization) -> dict:
    return flat(tables.ORGANIZATION, organization)


def taxonomy_term_item(term) -> dict:
    data = flat(tables.TAXONOMY_TERM, term)
    if term.taxonomy_id:
        data["taxonomy_detail"] = flat(tables.TAXONOMY, term.taxonomy)
    return data


def _location(location) -> dict:
    data = flat(tables.LOCATION, location)
    data["addresses"] = [flat(tables.ADDRESS, a) for a in location.addresses.all()]
    data["accessibility"] = [flat(tables.ACCESSIBILITY, a) for a in location.accessibility.all()]
    data["phones"] = [flat(tables.PHONE, p) for p in location.phones.all()]
    data["schedules"] = [flat(tables.SCHEDULE, s) for s in location.schedules.all()]
    data["languages"] = [flat(tables.LANGUAGE, lang) for lang in location.languages.all()]
    return data


def _attribute(attribute) -> dict:
    data = flat(tables.ATTRIBUTE, attribute)
    data["taxonomy_term"] = taxonomy_term_item(attribute.taxonomy_term)
    return data


def full_service(service) -> dict:
    data = service_list_item(service)
    data["phones"] = [flat(tables.PHONE, p) for p in service.phones.all()]
    data["schedules"] = [flat(tables.SCHEDULE, s) for s in service.schedules.all()]
    data["service_areas"] = [flat(tables.SERVICE_AREA, a) for a in service.service_areas.all()]
    data["languages"] = [flat(tables.LANGUAGE, lang) for lang in service.languages.all()]
    data["attributes"] = [_attribute(a) for a in service.attributes.all()]
    data["service_at_locations"] = [
        {**flat(tables.SERVICE_AT_LOCATION, sal), "location": _location(sal.location)}
        for sal in service.service_at_locations.all()
    ]
    return data


def full_service_queryset():
    locations = ServiceAtLocation.objects.select_related("location__municipality").prefetch_related(
        "location__addresses",
        "location__accessibility",
        "location__phones",
        "location__schedules",
        "location__languages",
    )
    return (
        Service.objects.select_related("organization")
        .prefetch_related(
            "phones",
            "schedules",
            "languages",
            Prefetch("service_areas", queryset=ServiceArea.objects.select_related("district", "municipality")),
            Prefetch("attributes", queryset=Attribute.objects.select_related("taxonomy_term__taxonomy")),
            Prefetch("service_at_locations", queryset=locations),
        )
        .order_by("id")
    )


def full_organization(organization, *, full_services=False) -> dict:
    data = organization_list_item(organization)
    data["phones"] = [flat(tables.PHONE, p) for p in organization.phones.all()]
    data["locations"] = [flat(tables.LOCATION, loc) for loc in organization.locations.all()]
    if full_services:
        data["services"] = [full_service(s) for s in organization.full_services]
    else:
        data["services"] = [flat(tables.SERVICE, s) for s in organization.services.all()]
    return data


def full_organization_queryset(*, full_services=False):
    queryset = Organization.objects.prefetch_related(
        "phones", Prefetch("locations", queryset=_locations_with_municipality())
    )
    if full_services:
        return queryset.prefetch_related(
            Prefetch("services", queryset=full_service_queryset(), to_attr="full_services")
        )
    return queryset.prefetch_related(Prefetch("services", queryset=Service.objects.order_by("id")))


def _locations_with_municipality():
    return Location.objects.select_related("municipality").order_by("id")
