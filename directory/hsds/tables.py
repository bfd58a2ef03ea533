"""Which HSDS 3.0 tables and columns we exchange, and how each maps to our models.

One description serves the tabular export, the import and the JSON API. A column has an HSDS
name, a kind (for parsing and formatting) and the model field it reads and writes. Columns
marked `extension` are not in HSDS: they carry what the standard cannot express (a location's
Saxon municipality, the Regionalschlüssel of a service area, English topic names) and are
declared as such in datapackage.json.
"""

from dataclasses import dataclass, field

from directory import models

# Kinds: text, uuid, ref (uuid of another table), number, time, date, datetime, ars, and
# fixed (a constant we always write and insist on when reading; `attr` holds the constant).


@dataclass(frozen=True)
class Column:
    name: str
    kind: str = "text"
    attr: str = ""  # model attribute; defaults to the column name
    required: bool = False
    target: str = ""  # for refs: the referenced table's name
    extension: bool = False
    description: str = ""

    @property
    def field(self):
        return self.attr or self.name


@dataclass(frozen=True)
class Table:
    name: str  # HSDS object name, e.g. "service"
    path: str  # e.g. "services.csv"
    model: type
    columns: tuple
    ignored: frozenset = field(default_factory=frozenset)  # HSDS columns we accept but do not store

    @property
    def column_names(self):
        return [c.name for c in self.columns]


def _ref(name, target, *, required=False):
    return Column(name, "ref", attr=name, required=required, target=target)


ORGANIZATION = Table(
    "organization",
    "organizations.csv",
    models.Organization,
    (
        Column("id", "uuid", required=True),
        Column("name", required=True),
        Column("alternate_name"),
        Column("description"),
        Column("email"),
        Column("website"),
        Column("legal_status"),
    ),
    frozenset({"tax_status", "tax_id", "year_incorporated", "logo", "uri", "parent_organization_id"}),
)
TAXONOMY = Table(
    "taxonomy",
    "taxonomies.csv",
    models.Taxonomy,
    (
        Column("id", "uuid", required=True),
        Column("name", required=True),
        Column("description"),
        Column("uri"),
        Column("version"),
    ),
)
TAXONOMY_TERM = Table(
    "taxonomy_term",
    "taxonomy_terms.csv",
    models.TaxonomyTerm,
    (
        Column("id", "uuid", required=True),
        Column("code", required=True),
        Column("name", required=True),
        Column("description"),
        _ref("parent_id", "taxonomy_term"),
        Column("language"),
        _ref("taxonomy_id", "taxonomy"),
        Column("name_en", extension=True, description="English name of the term (extension)."),
    ),
    frozenset({"taxonomy", "term_uri"}),
)
SERVICE = Table(
    "service",
    "services.csv",
    models.Service,
    (
        Column("id", "uuid", required=True),
        _ref("organization_id", "organization", required=True),
        Column("name", required=True),
        Column("alternate_name"),
        Column("description"),
        Column("url"),
        Column("email"),
        Column("status", required=True),
        Column("interpretation_services"),
        Column("application_process"),
        Column("fees_description"),
        Column("eligibility_description"),
        Column("alert"),
        Column("last_modified", "datetime"),
        Column("assured_date", "date", attr="last_checked_on"),
    ),
    frozenset(
        {
            "program_id",
            "wait_time",
            "fees",
            "accreditations",
            "minimum_age",
            "maximum_age",
            "assurer_email",
            "licenses",
        }
    ),
)
ATTRIBUTE = Table(
    "attribute",
    "attributes.csv",
    models.Attribute,
    (
        Column("id", "uuid", required=True),
        Column("link_id", "ref", attr="service_id", required=True, target="service"),
        _ref("taxonomy_term_id", "taxonomy_term", required=True),
        Column("link_type"),
        Column("link_entity", "fixed", attr="service", required=True),
        Column("value"),
    ),
    frozenset({"label"}),
)
LOCATION = Table(
    "location",
    "locations.csv",
    models.Location,
    (
        Column("id", "uuid", required=True),
        Column("location_type", "fixed", attr="physical"),
        _ref("organization_id", "organization"),
        Column("name", required=True),
        Column("alternate_name"),
        Column("description"),
        Column("transportation"),
        Column("latitude", "number", required=True),
        Column("longitude", "number", required=True),
        Column(
            "municipality_ars",
            "ars",
            attr="municipality",
            extension=True,
            description="Regionalschlüssel (12 digits) of the Saxon municipality (extension).",
        ),
    ),
    frozenset({"url", "external_identifier", "external_identifier_type"}),
)
ADDRESS = Table(
    "address",
    "addresses.csv",
    models.Address,
    (
        Column("id", "uuid", required=True),
        _ref("location_id", "location", required=True),
        Column("attention"),
        Column("address_1", required=True),
        Column("address_2"),
        Column("city", required=True),
        Column("region"),
        Column("state_province"),
        Column("postal_code", required=True),
        Column("country"),
        Column("address_type"),
    ),
)
ACCESSIBILITY = Table(
    "accessibility",
    "accessibility.csv",
    models.Accessibility,
    (
        Column("id", "uuid", required=True),
        _ref("location_id", "location", required=True),
        Column("description", required=True),
        Column("details"),
        Column("url"),
    ),
)
SERVICE_AT_LOCATION = Table(
    "service_at_location",
    "service_at_locations.csv",
    models.ServiceAtLocation,
    (
        Column("id", "uuid", required=True),
        _ref("service_id", "service", required=True),
        _ref("location_id", "location", required=True),
        Column("description"),
    ),
)
PHONE = Table(
    "phone",
    "phones.csv",
    models.Phone,
    (
        Column("id", "uuid", required=True),
        _ref("location_id", "location"),
        _ref("service_id", "service"),
        _ref("organization_id", "organization"),
        Column("number", required=True),
        Column("extension"),
        Column("type"),
        Column("description"),
    ),
    frozenset({"contact_id", "service_at_location_id", "languages"}),
)
SCHEDULE = Table(
    "schedule",
    "schedules.csv",
    models.Schedule,
    (
        Column("id", "uuid", required=True),
        _ref("service_id", "service"),
        _ref("location_id", "location"),
        Column("valid_from", "date"),
        Column("valid_to", "date"),
        Column("freq", required=True),
        Column("byday", required=True),
        Column("opens_at", "time", required=True),
        Column("closes_at", "time", required=True),
        Column("description"),
    ),
    frozenset(
        {
            "service_at_location_id",
            "dtstart",
            "timezone",
            "until",
            "count",
            "wkst",
            "interval",
            "byweekno",
            "bymonthday",
            "byyearday",
            "schedule_link",
            "attending_type",
            "notes",
        }
    ),
)
LANGUAGE = Table(
    "language",
    "languages.csv",
    models.Language,
    (
        Column("id", "uuid", required=True),
        _ref("service_id", "service"),
        _ref("location_id", "location"),
        Column("name", required=True),
        Column("code", required=True),
        Column("note"),
    ),
    frozenset({"phone_id"}),
)
SERVICE_AREA = Table(
    "service_area",
    "service_areas.csv",
    models.ServiceArea,
    (
        Column("id", "uuid", required=True),
        _ref("service_id", "service", required=True),
        Column("name", required=True),
        Column("description"),
        Column(
            "ars",
            "ars",
            attr="area",
            required=True,
            extension=True,
            description="Regionalschlüssel of the area: 14 = all of Saxony, 5 digits = district, "
            "12 digits = municipality (extension).",
        ),
    ),
    frozenset({"service_at_location_id", "extent", "extent_type", "uri"}),
)

# In dependency order: a table only refers to tables before it.
TABLES = (
    ORGANIZATION,
    TAXONOMY,
    TAXONOMY_TERM,
    SERVICE,
    ATTRIBUTE,
    LOCATION,
    ADDRESS,
    ACCESSIBILITY,
    SERVICE_AT_LOCATION,
    PHONE,
    SCHEDULE,
    LANGUAGE,
    SERVICE_AREA,
)
BY_NAME = {table.name: table for table in TABLES}
