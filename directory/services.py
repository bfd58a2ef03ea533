"""The team's writes on the Wegweiser: organisations and services with everything a service page shows.

Every function runs in one transaction and records an audit entry (ids, counts and field names only).
Two people editing the same entry do not overwrite each other: the page sends the version it was
opened with, and a save against a newer version raises EditConflict and writes nothing.
Rows keep their UUIDs when they are edited, so HSDS exports stay comparable before and after.
"""

from django.db import transaction
from django.utils import timezone

from audit.services import record
from directory.models import (
    Accessibility,
    Address,
    Attribute,
    Location,
    Organization,
    Service,
    ServiceArea,
    ServiceAtLocation,
)


class EditConflict(Exception):
    """Someone saved the entry after this page was opened; carries the current row."""

    def __init__(self, current):
        self.current = current
        super().__init__(f"{current._meta.model_name} {current.pk} is at version {current.version}")


class OrganizationInUse(Exception):
    """An organisation that still carries services cannot be deleted; `services` names them."""

    def __init__(self, services):
        self.services = list(services)
        super().__init__(f"{len(self.services)} services")


def _lock(model, obj, expected_version):
    current = model.objects.select_for_update().get(pk=obj.pk)
    if current.version != expected_version:
        raise EditConflict(current)
    return current


# --- Organisations -----------------------------------------------------------------------


@transaction.atomic
def save_organization(*, actor, organization, changed_fields=(), expected_version=None, request=None):
    """Create (`organization.pk` unsaved) or change an organisation."""
    creating = organization._state.adding
    if not creating:
        organization.version = _lock(Organization, organization, expected_version).version + 1
    organization.save()
    record(
        actor=actor,
        action="directory.organization_created" if creating else "directory.organization_changed",
        target=organization,
        details={} if creating else {"fields": sorted(changed_fields)},
        request=request,
    )
    return organization


@transaction.atomic
def delete_organization(*, actor, organization, request=None):
    """Delete an organisation without services (its locations and phones go with it); else OrganizationInUse."""
    Organization.objects.select_for_update().get(pk=organization.pk)
    services = list(organization.services.order_by("name", "id").values_list("name", flat=True))
    if services:
        raise OrganizationInUse(services)
    record(actor=actor, action="directory.organization_deleted", target=organization, request=request)
    organization.delete()


# --- Services ----------------------------------------------------------------------------


def _today():
    return timezone.localdate()


@transaction.atomic
def save_service(*, actor, forms, expected_version=None, request=None):
    """Save the service page (`forms`: staff_forms.ServiceForms, valid) unless someone saved in between.

    Every save counts as a check: `last_checked_on` becomes today and `last_modified` now."""
    service = forms.form.instance
    creating = service._state.adding
    if not creating:
        service.version = _lock(Service, service, expected_version).version + 1
    service.last_modified = timezone.now()
    service.last_checked_on = _today()
    service.save()
    data = forms.form.cleaned_data
    counts = {
        "topics": _sync_topics(service, data["topic_terms"]),
        "areas": _sync_districts(service, data["districts"], data["statewide"]),
        "locations": _save_locations(service, forms.location_rows()),
    }
    for name in ("phones", "schedules", "languages"):
        formset = getattr(forms, name)
        formset.instance = service
        saved = formset.save()
        counts[name] = len(saved) + len(formset.deleted_objects)
    changed = sorted(forms.form.changed_data) + [name for name, count in counts.items() if count]
    record(
        actor=actor,
        action="directory.service_created" if creating else "directory.service_changed",
        target=service,
        details={"fields": sorted(set(changed))},
        request=request,
    )
    return service


def _sync_topics(service, terms) -> int:
    """Link exactly `terms`; existing links keep their ids. Returns how many links changed."""
    wanted = {term.pk for term in terms}
    existing = {a.taxonomy_term_id: a for a in Attribute.objects.filter(service=service)}
    gone = [a.pk for term_id, a in existing.items() if term_id not in wanted]
    Attribute.objects.filter(pk__in=gone).delete()
    new = [Attribute(service=service, taxonomy_term_id=term_id) for term_id in sorted(wanted - set(existing))]
    Attribute.objects.bulk_create(new)
    return len(gone) + len(new)


def _sync_districts(service, districts, statewide) -> int:
    """Districts and "all of Saxony" as the form says; areas of single municipalities stay as they are."""
    areas = list(ServiceArea.objects.filter(service=service, municipality__isnull=True))
    wanted = {district.pk: district for district in districts}
    gone = [
        area.pk
        for area in areas
        if (area.district_id is None and not statewide) or (area.district_id and area.district_id not in wanted)
    ]
    ServiceArea.objects.filter(pk__in=gone).delete()
    have = {area.district_id for area in areas if area.pk not in gone}
    new = [
        ServiceArea(service=service, name=district.name, district=district)
        for pk, district in sorted(wanted.items())
        if pk not in have
    ]
    if statewide and None not in have:
        new.append(ServiceArea(service=service, name="Sachsen"))
    ServiceArea.objects.bulk_create(new)
    return len(gone) + len(new)


def _save_locations(service, rows) -> int:
    """Apply the location rows: change, add (a new location of the organisation) or remove (the link;
    the location too when no other service is offered there)."""
    links = {link.location_id: link for link in ServiceAtLocation.objects.filter(service=service)}
    changed = 0
    for location_id, data in rows:
        if data is None:
            link = links.get(location_id)
            if link is not None:
                link.delete()
                if not ServiceAtLocation.objects.filter(location_id=location_id).exists():
                    Location.objects.filter(pk=location_id).delete()
                changed += 1
            continue
        if location_id in links:
            location = Location.objects.get(pk=location_id)
        else:
            location = Location(organization=service.organization)
        if _fill_location(location, data):
            changed += 1
        if location_id not in links:
            ServiceAtLocation.objects.create(service=service, location=location)
        _fill_address(location, data)
        _fill_accessibility(location, data["accessibility"])
    return changed


def _fill_location(location, data) -> bool:
    place = data["place"]
    before = (location.name, location.transportation, location.municipality_id)
    location.name = data["name"]
    location.transportation = data["transportation"]
    if location.municipality_id != place.id:
        # A new municipality moves the map point to its centre; otherwise the coordinates stay as imported.
        location.municipality_id = place.id
        location.latitude, location.longitude = place.lat, place.lon
    adding = location._state.adding
    if adding or before != (location.name, location.transportation, location.municipality_id):
        location.save()
        return True
    return False


def _fill_address(location, data):
    address = Address.objects.filter(location=location).order_by("id").first() or Address(location=location)
    values = {key: data[key] for key in ("address_1", "address_2", "postal_code", "city")}
    if address.pk and all(getattr(address, key) == value for key, value in values.items()):
        return
    for key, value in values.items():
        setattr(address, key, value)
    address.save()


def _fill_accessibility(location, text):
    item = Accessibility.objects.filter(location=location).order_by("id").first()
    if not text:
        if item is not None:
            item.delete()
    elif item is None:
        Accessibility.objects.create(location=location, description=text)
    elif item.description != text:
        item.description = text
        item.save(update_fields=["description"])


@transaction.atomic
def mark_checked(*, actor, service, request=None):
    """ "Geprüft": the entry is right as it is. Today's date, no version change (nothing was edited)."""
    Service.objects.filter(pk=service.pk).update(last_checked_on=_today())
    record(actor=actor, action="directory.service_checked", target=service, request=request)


@transaction.atomic
def delete_service(*, actor, service, request=None):
    """Delete a service with its phones, hours, languages, areas and topic links, and the locations
    no other service is offered at."""
    location_ids = list(service.service_at_locations.values_list("location_id", flat=True))
    record(actor=actor, action="directory.service_deleted", target=service, request=request)
    service.delete()
    unused = Location.objects.filter(pk__in=location_ids, service_at_locations__isnull=True)
    unused.delete()
