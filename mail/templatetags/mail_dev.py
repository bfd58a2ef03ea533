from django import template
from django.conf import settings
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext

register = template.Library()


@register.simple_tag
def dev_mail_link():
    """The footer link to the development mail view; empty unless DEBUG."""
    if not settings.DEBUG:
        return ""
    return format_html('<li><a href="{}">{}</a></li>', reverse("mail:dev_list"), gettext("E-Mails (Entwicklung)"))
