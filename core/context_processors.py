from django.conf import settings
from django.urls import translate_url


def site(request):
    path = request.get_full_path()
    return {
        "project_name": settings.PROJECT_NAME,
        "organiser_name": settings.ORGANISER_NAME,
        "language_links": [(code, name, translate_url(path, code)) for code, name in settings.LANGUAGES],
    }
