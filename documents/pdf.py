"""HTML templates to PDF with WeasyPrint (which needs Debian's Pango; see README).

No request leaves the machine while rendering: the fetcher allows only `data:` URLs, and the
templates carry their own CSS and use the system fonts.
"""

from django.template.loader import render_to_string


def render_pdf(template_name, context):
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    html = render_to_string(template_name, context)
    return HTML(string=html, url_fetcher=URLFetcher(allowed_protocols={"data"})).write_pdf()
