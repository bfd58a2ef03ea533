"""Publishes version 1 of the privacy notice, so a fresh installation has one to show and record."""

from datetime import UTC, datetime

from django.db import migrations

TEXT_DE = """\
## Wer verantwortlich ist

Kulturbüro Sachsen e.V., Projekt „Support für Initiative“, Dresden. Fragen zum Datenschutz
beantworten wir unter der Adresse, die im Verzeichnis der Verarbeitungstätigkeiten und im
Impressum genannt ist.

## Was wir speichern und warum

- **Anmeldungen:** Name, E-Mail-Adresse, Gemeinde und Ihre Rolle (z. B. ehrenamtlich oder
  hauptamtlich), freiwillig Telefon, Organisation und Bedarfe (Barrierefreiheit,
  Kinderbetreuung, Dolmetschen, Verpflegung). Wir brauchen sie, um Plätze zu vergeben, Sie zu
  informieren und die Teilnahme zu bestätigen.
- **Berichte an Fördermittelgeber** enthalten nur Zahlen (z. B. Teilnehmer_innen nach Landkreis),
  nie Namen.
- **Technische Protokolle** enthalten keine Namen, E-Mail-Adressen oder Telefonnummern.

Diese Website lädt nichts von fremden Servern und setzt keine Zähldienste ein. Cookies setzen
wir nur, wo sie technisch nötig sind (Schutz von Formularen, Anmeldung des Teams).

## Wer Ihre Angaben sieht

Das Projektteam. Referent_innen und Partnerorganisationen einer Veranstaltung nur, soweit ihre
Aufgabe es erfordert. Öffentliche Seiten zeigen nie Namen, E-Mail-Adressen oder Telefonnummern
von Privatpersonen.

## Wie lange wir speichern

12 Monate nach der Veranstaltung anonymisieren wir Ihre Angaben; für die Statistik bleiben nur
Zahlen ohne Bezug zu Ihrer Person. Nicht bestätigte Anmeldungen löschen wir nach 30 Tagen.
Teilnahmelisten, die Fördermittelgeber verlangen, bewahren wir so lange auf, wie es die
Förderbedingungen vorschreiben.

## Ihre Rechte

Über den persönlichen Link aus Ihrer Bestätigungs-E-Mail können Sie jederzeit Ihre Daten
ansehen, herunterladen (Art. 15 und 20 DSGVO) und löschen lassen (Art. 17 DSGVO). Sie können
uns auch schreiben. Sie haben außerdem das Recht auf Berichtigung, Einschränkung, Widerspruch
und Beschwerde bei der Sächsischen Datenschutz- und Transparenzbeauftragten.
"""

TEXT_EN = """\
## Who is responsible

Kulturbüro Sachsen e.V., project "Support für Initiative", Dresden. We answer questions about
data protection at the address given in the record of processing activities and the imprint.

## What we store and why

- **Registrations:** name, e-mail address, municipality and your role (for example volunteer or
  professional); optionally phone, organisation and needs (accessibility, childcare,
  interpretation, diet). We need them to allocate places, keep you informed and confirm your
  attendance.
- **Reports to funders** contain only numbers (for example participants per district), never
  names.
- **Technical logs** contain no names, e-mail addresses or phone numbers.

This website loads nothing from other servers and uses no analytics. We only set cookies where
they are technically necessary (protecting forms, team login).

## Who sees your details

The project team. Trainers and partner organisations of an event only as far as their task
requires. Public pages never show names, e-mail addresses or phone numbers of private persons.

## How long we keep them

12 months after the event we anonymise your details; only numbers without any link to you stay
for statistics. We delete unconfirmed registrations after 30 days. Attendance lists required by
funders are kept as long as the funding conditions require.

## Your rights

With the personal link from your confirmation e-mail you can view, download (Art. 15 and 20
GDPR) and erase (Art. 17 GDPR) your data at any time. You can also write to us. You also have
the right to rectification, restriction, objection and to complain to the Saxon data protection
authority (Sächsische Datenschutz- und Transparenzbeauftragte).
"""


def publish_first_version(apps, schema_editor):
    PrivacyNotice = apps.get_model("privacy", "PrivacyNotice")
    PrivacyNotice.objects.get_or_create(
        version=1,
        defaults={
            "text": TEXT_DE,
            "text_en": TEXT_EN,
            "changes": "Erste Fassung",
            "published_at": datetime(2025, 1, 1, tzinfo=UTC),
        },
    )


def remove_first_version(apps, schema_editor):
    apps.get_model("privacy", "PrivacyNotice").objects.filter(version=1).delete()


class Migration(migrations.Migration):
    dependencies = [("privacy", "0001_initial")]

    operations = [migrations.RunPython(publish_first_version, remove_first_version)]
