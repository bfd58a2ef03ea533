"""The shapes of the API's answers and inputs (pydantic, through django-ninja): the OpenAPI schema
is generated from these. Public shapes carry no personal data."""

from datetime import date, datetime, time
from typing import Literal

from ninja import Field, Schema


class Page(Schema):
    """Paging with counts: every list answers with these fields around its `results`."""

    count: int = Field(description="How many items match, on all pages")
    page: int
    per_page: int
    pages: int
    next: str | None = Field(None, description="URL of the next page")
    previous: str | None = Field(None, description="URL of the previous page")


class PageParams(Schema):
    page: int = Field(1, ge=1, le=100_000, description="Page number, from 1")
    per_page: int = Field(20, ge=1, le=100, description="Items per page (at most 100)")


class District(Schema):
    slug: str
    name: str
    short_name: str
    ars: str = Field(description="Amtlicher Regionalschlüssel (5 digits)")
    kind: str


class DistrictPage(Page):
    results: list[District]


class Municipality(Schema):
    ars: str = Field(description="Amtlicher Regionalschlüssel (12 digits)")
    name: str
    district: str = Field(description="The district's slug")
    lat: float
    lon: float


class MunicipalityPage(Page):
    results: list[Municipality]


class MunicipalityParams(PageParams):
    district: str | None = Field(None, max_length=60, description="A district's slug")
    q: str | None = Field(None, max_length=100, description="The start of the municipality's name")


class Venue(Schema):
    name: str
    street: str
    postal_code: str
    municipality: str
    municipality_ars: str
    district: str
    lat: float
    lon: float
    accessibility: str
    public_transport: str


class EventSummary(Schema):
    slug: str
    url: str
    kind: str
    status: Literal["published", "cancelled", "held"]
    title: str
    title_en: str
    summary: str
    summary_en: str
    start: datetime
    end: datetime
    registration_deadline: datetime | None
    municipality: str
    district: str
    topics: list[str]
    costs: str = Field(description="Euro, as a decimal string; 0.00 is free")
    capacity: int | None
    seats_left: int | None = Field(description="Free places now; null for an event without a limit")
    waiting_list: bool


class EventPage(Page):
    results: list[EventSummary]


class EventParams(PageParams):
    district: str | None = Field(None, max_length=60, description="A district's slug (see /districts)")
    near: str | None = Field(None, max_length=100, description="A municipality's name: events within `radius` km")
    radius: int | None = Field(None, ge=1, le=200, description="Kilometres around `near` (default 20)")
    date_from: date | None = Field(None, alias="from", description="Events ending on or after this day")
    date_to: date | None = Field(None, alias="to", description="Events starting on or before this day")
    kind: Literal["schulung", "fortbildung", "fachkonferenz", "vernetzung"] | None = None
    topic: str | None = Field(None, max_length=60, description="A topic's slug")
    target_group: str | None = Field(None, max_length=60, description="A target group's slug")
    language: str | None = Field(None, max_length=8, description="A language code (ISO 639-1)")
    q: str | None = Field(None, max_length=100, description="Words to search title, summary, description, topics")


class AgendaItem(Schema):
    time: time
    title: str
    title_en: str


class Module(Schema):
    slug: str
    title: str
    start: datetime
    end: datetime


class EventDetail(EventSummary):
    description: str = Field(description="Markdown")
    description_en: str
    attendance_mode: str
    costs_note: str
    catering: str
    target_groups: list[str]
    languages: list[str]
    partners: list[str]
    venue: Venue
    agenda: list[AgendaItem]
    modules: list[Module]
    registration: Literal["open", "waiting_list", "closed", "cancelled", "module"] = Field(
        description="open: places free; waiting_list: new registrations wait; closed: deadline passed or "
        "started; cancelled; module: register for the course it belongs to"
    )
    course: str | None = Field(description="Slug of the course a module belongs to")


class Initiative(Schema):
    slug: str
    url: str
    name: str
    kind: str
    focus: str
    description: str
    how_to_join: str
    meeting_times: str
    website: str
    municipality: str
    municipality_ars: str
    district: str


class InitiativePage(Page):
    results: list[Initiative]


class InitiativeParams(PageParams):
    district: str | None = Field(None, max_length=60, description="A district's slug")
    q: str | None = Field(None, max_length=100, description="Words to search name, focus and description")


class Multiplier(Schema):
    """What the public profile page shows; never an address: people write through the profile's form."""

    uuid: str
    url: str = Field(description="The public profile page, with the contact form")
    display_name: str
    municipality: str
    municipality_ars: str
    district: str
    topics: list[str] = Field(description="Topic slugs")
    languages: list[str] = Field(description="Language codes (ISO 639-1)")
    how_i_help: str
    availability: str
    distance_km: int | None = Field(description="Kilometres from `near`; null without it")


class MultiplierPage(Page):
    results: list[Multiplier]


class MultiplierParams(PageParams):
    near: str | None = Field(None, max_length=100, description="A municipality's name: multipliers within `radius` km")
    radius: int | None = Field(None, ge=1, le=200, description="Kilometres around `near` (default 40)")
    topic: str | None = Field(None, max_length=60, description="A topic's slug")
    language: str | None = Field(None, max_length=8, description="A language code (ISO 639-1)")


class BoardPost(Schema):
    """What the post's public page shows; replies go through the form on that page (no address here)."""

    id: int
    url: str = Field(description="The post's public page, with the reply form")
    kind: Literal["need", "offer"]
    category: str
    title: str
    text: str
    municipality: str
    municipality_ars: str
    district: str
    poster: str = Field(description="private, initiative, service or administration")
    author: str = Field(description="As the page names it: an initiative, an organisation, or a first name")
    initiative: str | None = Field(description="The initiative's slug, when an initiative posted")
    published_at: datetime | None
    valid_until: datetime


class BoardPostPage(Page):
    results: list[BoardPost]


class BoardPostParams(PageParams):
    kind: Literal["need", "offer"] | None = Field(None, description="need: Suche, offer: Biete")
    category: (
        Literal["interpreting", "rooms", "transport", "donations", "mentoring", "training", "volunteers", "other"]
        | None
    ) = None
    district: str | None = Field(None, max_length=60, description="A district's slug")
    near: str | None = Field(None, max_length=100, description="A municipality's name: posts within `radius` km")
    radius: int | None = Field(None, ge=1, le=200, description="Kilometres around `near` (default 25)")
    q: str | None = Field(None, max_length=100, description="Words to search title, text and category")


# --- With a token --------------------------------------------------------------------------


class TeamEvent(Schema):
    id: int
    slug: str
    kind: str
    status: str
    title: str
    start: datetime | None
    end: datetime | None
    capacity: int | None
    confirmed: int
    pending: int
    waiting: int


class TeamEventPage(Page):
    results: list[TeamEvent]


class TeamEventParams(PageParams):
    status: Literal["draft", "published", "cancelled", "held"] | None = None
    date_from: date | None = Field(None, alias="from", description="Events ending on or after this day")
    date_to: date | None = Field(None, alias="to", description="Events starting on or before this day")


class Participant(Schema):
    booking: int = Field(description="The booking's id (for check-in)")
    status: str
    name: str
    email: str
    phone: str
    organisation: str
    role: str
    municipality: str | None
    present: bool


class ParticipantPage(Page):
    results: list[Participant]


class WaitingPerson(Schema):
    booking: int
    position: int
    name: str
    email: str
    registered_at: datetime


class WaitingPage(Page):
    results: list[WaitingPerson]


class CheckInIn(Schema):
    booking: int = Field(ge=1, le=2_147_483_647)
    session: int | None = Field(None, ge=1, le=2_147_483_647, description="A session's id; none for the event")


class CheckInOut(Schema):
    booking: int
    session: int | None
    present: bool
    created: bool = Field(description="False when the person was already marked present")
