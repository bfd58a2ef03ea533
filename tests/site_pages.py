"""Every page a visitor or a team member can reach, on the demo data: for the whole-site checks.

The HTML validity test (tests/validity/) and the narrow-screen browser test (tests/browser/)
walk the same lists, so a new page or form added here is checked both ways. `seed_site()`
writes the demo (`seed_demo`) plus the few rows only a click would make (a personal link, a
feedback invitation, a back-office login); the functions below name the pages.
"""

import re
from dataclasses import dataclass
from datetime import timedelta

from django.core.management import call_command
from django.utils import timezone

JUNK = "<b>“Junk” 💥</b> ' OR 1=1 --"


@dataclass
class Site:
    upcoming: object  # an open published training (registration form, event page)
    full: object  # the demo's full training with a waiting list
    past: object  # the demo's past training with attendance, certificates and feedback
    course: object | None
    personal_token: str
    confirm_token: str  # the link in the "please confirm" mail of a registration not yet confirmed
    feedback_token: str
    initiative: object
    service: object
    staff: object  # an admin (sees every back-office page)
    training_request: object = None  # a confirmed demo training request in discussion
    request_token: str = ""  # its personal link


def seed_site():
    call_command("seed_demo", verbosity=0)
    return site_from_demo()


def site_from_demo():
    """Picks the pages' objects from the demo data and adds a feedback invitation and an admin."""
    from accounts.testing import make_user
    from directory.models import Service
    from events.models import Event
    from feedback.models import Invitation
    from feedback.tokens import new_token, token_hash
    from network.models import Initiative
    from registrations.models import Booking, Registration
    from registrations.tokens import confirm_token, personal_token

    now = timezone.now()
    open_trainings = (
        Event.objects.listed()
        .filter(status=Event.Status.PUBLISHED, kind=Event.Kind.TRAINING, start__gt=now, registration_deadline__gt=now)
        .order_by("start")
    )
    full = Event.objects.filter(bookings__status=Booking.Status.WAITING, start__gt=now).distinct().first()
    registration = Registration.objects.filter(event=full, email_confirmed_at__isnull=False).order_by("id").first()
    past = Event.objects.filter(bookings__attended=True).distinct().order_by("-end").first()
    unconfirmed = Registration.objects.filter(email_confirmed_at__isnull=True, anonymised_at__isnull=True)
    unconfirmed = unconfirmed.filter(bookings__event__start__gt=now).order_by("-created_at").first()
    token = new_token()
    Invitation.objects.create(token_hash=token_hash(token), event=past)
    from training_requests.models import TrainingRequest
    from training_requests.tokens import personal_token as request_token

    training_request = TrainingRequest.objects.filter(state="discussion").order_by("pk").first()
    return Site(
        upcoming=open_trainings.exclude(pk=full.pk).first(),
        full=full,
        past=past,
        course=Event.objects.filter(modules__isnull=False, start__gt=now - timedelta(days=1)).distinct().first(),
        personal_token=personal_token(registration),
        confirm_token=confirm_token(unconfirmed),
        feedback_token=token,
        initiative=Initiative.objects.filter(status="approved").order_by("name").first(),
        service=Service.objects.order_by("name").first(),
        staff=make_user("admin", is_staff=True, is_superuser=True),
        training_request=training_request,
        request_token=request_token(training_request),
    )


def english(paths):
    """The same pages in English (German is the default language without a prefix)."""
    return [p if p.startswith("/en/") else "/en" + p for p in paths]


def both_languages(paths):
    return [*paths, *english(paths)]


def sitemap_paths(client, *, english_too=True):
    """Every page of /sitemap.xml; with `english_too` each also in English (the sitemap lists
    event pages in German only)."""
    xml = client.get("/sitemap.xml").content.decode()
    paths = [re.sub(r"^https?://[^/]+", "", loc) for loc in re.findall(r"<loc>([^<]+)</loc>", xml)]
    if not english_too:
        return list(dict.fromkeys(paths))
    german = [p for p in paths if not p.startswith("/en/")]
    return list(dict.fromkeys(both_languages(german)))


def public_paths(site):
    """Public pages and forms that are not in the sitemap (shown empty), German and English."""
    token = site.personal_token
    paths = [
        "/initiativen/",
        "/initiativen/karte/",
        "/initiativen/vorschlagen/",
        f"/initiativen/{site.initiative.slug}/",
        "/wegweiser/",
        "/wegweiser/landkreise/",
        f"/wegweiser/angebote/{site.service.pk}/",
        "/datenschutz/",
        "/anmeldung/link/",
        f"{site.upcoming.get_absolute_url()}anmelden/",
        f"{site.full.get_absolute_url()}anmelden/",
        f"{site.upcoming.get_absolute_url()}anmelden/gesendet/",
        f"/anmeldung/bestaetigen/{site.confirm_token}/",
        f"/anmeldung/{token}/",
        f"/anmeldung/{token}/aendern/",
        f"/anmeldung/{token}/absagen/",
        f"/datenschutz/meine-daten/{token}/",
        f"/datenschutz/meine-daten/{token}/loeschen/",
        f"/feedback/{site.feedback_token}/",
        "/schulung-anfragen/",
        "/schulung-anfragen/gesendet/",
        f"/schulung-anfragen/anfrage/{site.request_token}/",
        "/konto/anmelden/",
        "/konto/passwort-vergessen/",
        "/gibt-es-nicht/",  # our 404 page
    ]
    if site.course:
        paths.append(f"{site.course.get_absolute_url()}anmelden/")
    return both_languages(paths + _board_paths() + _newsletter_paths() + _multiplier_pages() + conference_paths())


def _board_post():
    from board.models import Post

    return Post.objects.public().order_by("id").first()


def _board_paths():
    """The board's pages outside the sitemap: a post's report form, the poster's personal pages,
    a confirmation link, the alert and new-link forms' answers."""
    from board.models import Post
    from board.tokens import confirm_token, personal_token

    post = _board_post()
    token = personal_token(post)
    pending = Post.objects.filter(status=Post.Status.PENDING).order_by("id").first()  # "link already used"
    return [
        f"/suche-biete/{post.pk}/melden/",
        f"/suche-biete/{post.pk}/nachricht-gesendet/",
        "/suche-biete/eintragen/gesendet/",
        "/suche-biete/link/",
        "/suche-biete/link/gesendet/",
        "/suche-biete/geloescht/",
        "/suche-biete/benachrichtigung/gesendet/",
        f"/suche-biete/bestaetigen/{confirm_token(pending)}/",
        f"/suche-biete/mein-beitrag/{token}/",
        f"/suche-biete/mein-beitrag/{token}/aendern/",
        f"/suche-biete/mein-beitrag/{token}/loeschen/",
    ]


def _newsletter_paths():
    """Sign-up, and a demo subscriber's confirmation, personal and unsubscribe pages."""
    from newsletter.models import Subscriber
    from newsletter.tokens import confirm_token, personal_token

    paths = ["/newsletter/anmelden/", "/newsletter/anmelden/danke/"]
    active = Subscriber.objects.active().order_by("id").first()
    pending = Subscriber.objects.filter(status=Subscriber.Status.PENDING).order_by("id").first()
    if active:
        token = personal_token(active)
        paths += [f"/newsletter/abo/{token}/", f"/newsletter/abmelden/{token}/"]
    if pending:
        paths += [f"/newsletter/bestaetigen/{confirm_token(pending)}/", f"/newsletter/abo/{personal_token(pending)}/"]
    return paths


def _listed_multiplier():
    from multipliers.models import Multiplier

    return Multiplier.objects.listed().order_by("id").first()


def _multiplier_pages():
    """The public multiplier search and a listed profile (the demo lists some)."""
    listed = _listed_multiplier()
    return ["/multiplikatorinnen/", *([listed.get_absolute_url()] if listed else [])]


def conference_paths():
    """The demo Fachtage: programme, registration form with workshop choice, personal programme and
    travel costs (a form for last year's attendee who has not asked yet)."""
    from conferences.models import Conference
    from registrations.tokens import personal_token

    paths = []
    for conference in Conference.objects.filter(published=True).select_related("event").order_by("id"):
        paths += [f"{conference.event.get_absolute_url()}programm/", f"{conference.event.get_absolute_url()}anmelden/"]
        people = conference.event.registrations.filter(is_active=True, email_confirmed_at__isnull=False)
        person = people.filter(reimbursement__isnull=True).order_by("-id").first()
        if person:
            token = personal_token(person)
            paths += [f"/anmeldung/{token}/programm/", f"/anmeldung/{token}/fahrtkosten/"]
    return paths


def filter_paths():
    """The filtered lists: a typical search, and invalid values in every filter."""
    paths = [
        "/veranstaltungen/?ort=Pirna&umkreis=30&art=schulung",
        "/veranstaltungen/?q=Asyl&kreis=14628&von=2020-01-01&bis=2099-12-31",
        "/veranstaltungen/?ort=Rackwitzz",  # unknown place: suggestions
        "/veranstaltungen/?ort=Pirna&umkreis=abc&von=gestern&bis=31.02.2026&kreis=x&art=x&thema=x&zielgruppe=x&sprache=x",
        "/veranstaltungen/?umkreis=-5&von=2026-13-45&seite=999",
        "/veranstaltungen/archiv/?von=kein-datum&umkreis=1e9&seite=x",
        "/initiativen/?ort=Pirna&q=Sprachcaf%C3%A9",
        "/initiativen/?ort=Nirgendwo&kreis=x&seite=-1",
        "/wegweiser/?ort=Pirna",
        "/wegweiser/?ort=Nirgendwo&thema=x&sprache=x&kreis=x",
        "/wegweiser/?kreis=14628",
        "/wissen/?q=Asyl&thema=asylverfahren&sprache=de",
        "/wissen/?q=%3Cscript%3E&thema=x&sprache=x&seite=999",
        "/suche-biete/?ort=Bautzen&umkreis=30&art=need&kategorie=interpreting",
        "/suche-biete/?ort=Nirgendwo&umkreis=abc&art=x&kategorie=x&kreis=x&seite=-1",
        "/multiplikatorinnen/?ort=G%C3%B6rlitz&umkreis=40&thema=asylverfahren",
        "/multiplikatorinnen/?ort=Nirgendwo&umkreis=x&thema=x&sprache=x&seite=99",
    ]
    return both_languages(paths)


def failed_submits(site):
    """(path, data): every public form sent back with junk, German and English."""
    token = site.personal_token
    bad_person = {"name": "", "email": "kein-at-zeichen", "phone": JUNK * 3, "municipality": "Rackwitzz"}
    bad_person |= {"role": "x", "organisation": JUNK}
    relay = {"sender_name": "", "sender_email": "kein-at-zeichen", "message": ""}
    forms = [
        (f"{site.upcoming.get_absolute_url()}anmelden/", bad_person),
        (f"{site.full.get_absolute_url()}anmelden/", bad_person),
        (f"/anmeldung/{token}/aendern/", bad_person),
        ("/anmeldung/link/", {"email": JUNK}),
        (f"/initiativen/{site.initiative.slug}/", relay),
        (f"/wegweiser/angebote/{site.service.pk}/", relay),
        ("/initiativen/vorschlagen/", {"name": "", "place": "Rackwitzz", "website": JUNK, "contact_email": "x"}),
        (f"/feedback/{site.feedback_token}/", {"overall": "9", "usefulness": JUNK}),
        (
            "/schulung-anfragen/",
            {"organisation": JUNK, "kind": "x", "place": "Rackwitzz", "contact_email": "x", "window1_end": JUNK},
        ),
        (f"/schulung-anfragen/anfrage/{site.request_token}/", {"body": ""}),
        ("/konto/anmelden/", {"username": "kein-at-zeichen", "password": ""}),
        ("/konto/passwort-vergessen/", {"email": JUNK}),
        ("/newsletter/anmelden/", {"email": "kein-at-zeichen", "districts": JUNK, "topics": "x"}),
    ]
    post = _board_post()
    forms += [
        ("/suche-biete/eintragen/", {"title": "", "place": "Rackwitzz", "email": JUNK, "valid_until": "31.02.2026"}),
        (f"/suche-biete/{post.pk}/", relay),
        (f"/suche-biete/{post.pk}/melden/", {"reason": JUNK, "note": JUNK}),
        ("/suche-biete/benachrichtigung/", {"email": JUNK, "art": "x", "kreis": "x"}),
        ("/suche-biete/link/", {"email": JUNK}),
    ]
    if site.course:
        forms.append((f"{site.course.get_absolute_url()}anmelden/", bad_person))
    listed = _listed_multiplier()
    if listed:
        forms.append((listed.get_absolute_url(), relay))
    return [(path, data) for german, data in forms for path in (german, *english([german]))]


def back_office_paths(site):
    """The back office as an admin sees it: each kind of page once, on the richest demo events."""
    upcoming, past = site.full.pk, site.past.pk
    from participants.models import Mailing
    from registrations.models import Booking

    booking = Booking.objects.filter(event_id=upcoming).order_by("id").first()
    waiting = Booking.objects.filter(event_id=upcoming, status=Booking.Status.WAITING).order_by("id").first()
    paths = [
        "/team/",
        "/team/veranstaltungen/",
        "/team/veranstaltungen/?zeitraum=alle&q=Schulung",
        "/team/veranstaltungen/neu/",
        "/team/orte/",
        "/team/orte/neu/",
        "/team/feedback/",
        "/team/feedback/?von=2020-01-01&bis=2099-12-31",
        "/team/protokoll/",
        "/team/initiativen/",
        f"/team/initiativen/{site.initiative.pk}/",
        "/team/anfragen/",
        "/team/anfragen/?stand=quatsch&kreis=x&alter=7",
        "/team/anfragen/karte/",
        f"/team/anfragen/{site.training_request.pk}/",
        "/team/datenschutz/anfragen/",
        "/team/datenschutz/verzeichnis/",
        "/konto/",
        "/konto/passwort-aendern/",
        "/team/konten/",
        "/team/konten/einladen/",
        f"/team/konten/{site.staff.pk}/",
    ]
    for pk in (upcoming, past):
        base = f"/team/veranstaltungen/{pk}/"
        paths += [
            base,
            base + "bearbeiten/",
            base + "kopieren/",
            base + "termine/neu/",
            base + "ablauf/",
            base + "anmeldung-einrichten/",
            base + "materialien/",
            base + "teilnehmende/",
            base + "teilnehmende/?status=waiting&q=Demo",
            base + "teilnehmende/neu/",
            base + "teilnehmende/schreiben/",
            base + "einlass/",
            base + "einlass/?q=Demo",
            base + "einlass/ohne-anmeldung/",
        ]
    paths += [
        f"/team/veranstaltungen/{upcoming}/veroeffentlichen/",
        f"/team/veranstaltungen/{upcoming}/absagen/",
        f"/team/veranstaltungen/{past}/durchgefuehrt/",
        f"/team/veranstaltungen/{upcoming}/teilnehmende/{booking.pk}/bearbeiten/",
        f"/team/veranstaltungen/{upcoming}/teilnehmende/{booking.pk}/absagen/",
        f"/team/veranstaltungen/{upcoming}/teilnehmende/{booking.pk}/bestaetigung/",
        f"/team/veranstaltungen/{past}/bescheinigungen/",
        f"/team/veranstaltungen/{past}/feedback/",
    ]
    if waiting:
        paths.append(f"/team/veranstaltungen/{upcoming}/teilnehmende/{waiting.pk}/nachruecken/")
    mailing = Mailing.objects.order_by("id").first()
    if mailing:
        paths.append(f"/team/veranstaltungen/{mailing.event_id}/rundmails/{mailing.pk}/")
    from board.models import Post

    paths += ["/team/suche-biete/", "/team/suche-biete/?liste=reported", "/team/suche-biete/?liste=closed"]
    paths += [f"/team/suche-biete/{post.pk}/" for post in Post.objects.filter(status="pending").order_by("id")[:2]]
    paths += _multiplier_back_office()
    paths += ["/team/wegweiser/", "/team/wegweiser/?pruefen=on&q=Beratung", "/team/wegweiser/angebote/neu/"]
    paths += ["/team/wegweiser/organisationen/", "/team/wegweiser/organisationen/neu/"]
    paths += _newsletter_staff_paths()
    service = _wegweiser_service()
    if service:
        paths += [f"/team/wegweiser/angebote/{service.pk}/", f"/team/wegweiser/angebote/{service.pk}/loeschen/"]
        paths += [f"/team/wegweiser/organisationen/{service.organization_id}/loeschen/"]
    paths += _knowledge_paths()
    paths += ["/team/berichte/", "/team/berichte/?vergleich=vorjahr", "/team/berichte/?von=2026-12-31&bis=2026-01-01"]
    return paths


def _knowledge_paths():
    from knowledge.models import Article

    paths = ["/team/wissen/", "/team/wissen/?q=Asyl&status=draft", "/team/wissen/neu/"]
    article = Article.objects.filter(downloads__isnull=False).order_by("id").first()
    if article:
        base = f"/team/wissen/{article.pk}/"
        paths += [base, base + "dateien/", base + "fassungen/", base + "fassungen/1/"]
    return paths


def _newsletter_staff_paths():
    from newsletter.models import Issue

    paths = ["/team/newsletter/", "/team/newsletter/ausgaben/neu/"]
    issue = Issue.objects.order_by("year", "number").first()
    if issue:
        base = f"/team/newsletter/ausgaben/{issue.pk}/"
        paths += [base, base + "versand/", base + "versand/?zaehlen=1"]
    return paths


def _multiplier_back_office():
    """The demo course's cohort pages and the totals of the consultation log."""
    from events.models import Event

    course = Event.objects.filter(kind=Event.Kind.COURSE, completion_rule__isnull=False).order_by("id").first()
    paths = ["/team/beratungen/", "/team/beratungen/?seit=x"]
    if course:
        base = f"/team/veranstaltungen/{course.pk}/"
        paths += [base + "kohorte/", base + "abschlussregel/", base + "zertifikate/"]
    return paths


def _wegweiser_service():
    from directory.models import Service

    return Service.objects.order_by("name", "id").first()


# The Wegweiser's service page with a bad row in every formset.
WEGWEISER_JUNK = {
    "version": "1",
    "name": "",
    "standorte-TOTAL_FORMS": "1",
    "standorte-INITIAL_FORMS": "0",
    "standorte-0-name": "Büro",
    "standorte-0-place": "Rackwitzz",
    "standorte-0-postal_code": "12",
    "telefon-TOTAL_FORMS": "1",
    "telefon-INITIAL_FORMS": "0",
    "telefon-0-description": "ohne Nummer",
    "zeiten-TOTAL_FORMS": "1",
    "zeiten-INITIAL_FORMS": "0",
    "zeiten-0-opens_at": "12:00",
    "zeiten-0-closes_at": "neun",
    "sprachen-TOTAL_FORMS": "1",
    "sprachen-INITIAL_FORMS": "0",
    "sprachen-0-code": "arabisch",
}


def back_office_failed_submits(site):
    """(path, data): back-office forms sent back with junk."""
    base = f"/team/veranstaltungen/{site.full.pk}/"
    return [
        ("/team/veranstaltungen/neu/", {"title": "", "start": "gestern", "capacity": "-1"}),
        ("/team/orte/neu/", {"name": "", "place": "Rackwitzz", "postal_code": JUNK}),
        (base + "termine/neu/", {"start": "x", "end": "y"}),
        (base + "teilnehmende/neu/", {"name": "", "email": "kein-at-zeichen"}),
        (base + "teilnehmende/schreiben/", {"subject": "", "body": ""}),
        (base + "einlass/ohne-anmeldung/", {"name": "", "email": "kein-at-zeichen"}),
        ("/team/datenschutz/anfragen/", {"email": "kein-at-zeichen"}),
        (f"/team/initiativen/{site.initiative.pk}/", {"name": "", "place": "Rackwitzz"}),
        ("/team/wegweiser/angebote/neu/", WEGWEISER_JUNK),
        ("/konto/passwort-aendern/", {"old_password": "x", "new_password1": "a", "new_password2": "b"}),
        ("/team/konten/einladen/", {"email": "kein-at-zeichen", "role": "partner"}),
        *_knowledge_failed_submits(),
        ("/team/newsletter/ausgaben/neu/", {"year": "x", "number": "-1", "title": "", "body": JUNK}),
    ]


def _knowledge_failed_submits():
    from knowledge.models import Article

    article = {"title": "", "summary": JUNK * 20, "language": "xx", "topics": ["x"], "body": "", "version": "1"}
    unsafe = "<script>alert(1)</script><img src=x onerror=alert(2)> [x](javascript:alert(3)) " + JUNK
    forms = [
        ("/team/wissen/neu/", {**article, "action": "save"}),
        ("/team/wissen/neu/", {**article, "body": unsafe, "action": "preview"}),
    ]
    first = Article.objects.order_by("id").first()
    if first:
        forms += [(f"/team/wissen/{first.pk}/dateien/", {"title": JUNK})]
    return forms
