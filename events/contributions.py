"""What the events app adds to the platform (collected by core.registry; see its docstring for the names)."""

# --- Records, privacy and jobs ------------------------------------------------------------
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from events.sitemaps import EventSitemap, StaticPagesSitemap

AUDIT_ACTIONS = {
    "event.created": _("Veranstaltung angelegt"),
    "event.changed": _("Veranstaltung geändert"),
    "event.copied": _("Veranstaltung kopiert"),
    "event.published": _("Veranstaltung veröffentlicht"),
    "event.cancelled": pgettext_lazy("audit action", "Veranstaltung abgesagt"),
    "event.held": _("Veranstaltung als durchgeführt markiert"),
    "event.session_saved": _("Termin gespeichert"),
    "event.session_deleted": _("Termin gelöscht"),
    "event.agenda_saved": _("Ablauf gespeichert"),
    "event.material_added": _("Material hochgeladen"),
    "event.material_removed": _("Material entfernt"),
    "venue.created": _("Ort angelegt"),
    "venue.changed": _("Ort geändert"),
}

SITEMAPS = {"pages": StaticPagesSitemap, "events": EventSitemap}


# --- Back office and hooks ----------------------------------------------------------------
