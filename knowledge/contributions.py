"""What the knowledge base adds to the platform (collected by core.registry; see its docstring for the names).

It holds no personal data: articles name no author, revisions keep only text, so it declares no
processing activity, retention rule or personal-data holder."""

from django.utils.translation import gettext_lazy as _

from core.registry import MenuEntry, StaffUrls, Urls
from knowledge import event_page
from knowledge.permissions import can_edit_knowledge
from knowledge.sitemaps import ArticleSitemap, KnowledgeListSitemap

# --- Pages -------------------------------------------------------------------------------

URLS = [Urls("knowledge.urls")]

SITEMAPS = {"knowledge": KnowledgeListSitemap, "articles": ArticleSitemap}

# --- Records, privacy and jobs ------------------------------------------------------------

AUDIT_ACTIONS = {
    "knowledge.article_created": _("Wissensartikel angelegt"),
    "knowledge.articles_exported": _("Wissensartikel-Liste exportiert"),
    "knowledge.article_changed": _("Wissensartikel geändert"),
    "knowledge.published": _("Wissensartikel veröffentlicht"),
    "knowledge.unpublished": _("Wissensartikel zurückgezogen"),
    "knowledge.reviewed": _("Wissensartikel als geprüft vermerkt"),
    "knowledge.revision_restored": _("Frühere Fassung eines Wissensartikels wiederhergestellt"),
    "knowledge.download_added": _("Download an Wissensartikel angehängt"),
    "knowledge.download_removed": _("Download von Wissensartikel entfernt"),
}

# --- Back office and hooks ----------------------------------------------------------------

STAFF_URLS = [StaffUrls(module="knowledge.staff_urls", prefix="")]

MENU = [MenuEntry("knowledge", _("Wissen"), "knowledge_staff:article_list", can_edit_knowledge, order=38)]

HOOKS = {"event_page_related": event_page.related}
