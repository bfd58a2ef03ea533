"""What the relay app adds to the platform (collected by core.registry; see its docstring for the names)."""

from django.utils.translation import gettext_lazy as _

from core.registry import ProcessingActivity

# --- Records, privacy and jobs ------------------------------------------------------------


PROCESSING_ACTIVITIES = [
    ProcessingActivity(
        key="relay",
        name=_("Kontaktformulare (Weiterleitung an Multiplikator_innen und Initiativen)"),
        purpose=_("Kontakt ermöglichen, ohne die E-Mail-Adresse der Empfänger_innen zu veröffentlichen"),
        legal_basis=_("Art. 6 Abs. 1 lit. a DSGVO (Einwilligung beim Absenden)"),
        data_subjects=_("Absender_innen von Kontaktanfragen"),
        data_categories=_("Name, E-Mail-Adresse, Nachricht"),
        recipients=_("die angeschriebene Person oder Initiative"),
        retention_text=_("Der Nachrichtentext wird nach dem Versand gelöscht."),
        order=30,
    ),
]


# --- Back office and hooks ----------------------------------------------------------------
