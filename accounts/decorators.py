from functools import wraps

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.utils.translation import gettext as _

from accounts.permissions import has_completed_login


def login_completed_required(view):
    """Like login_required, but the login must include the second factor where the role needs one.

    A session without it (e.g. a partner account that just got access to names) is ended and
    the person is sent through the login again, which then asks for the code or the set-up.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not has_completed_login(user):
            logout(request)
            messages.warning(
                request,
                _("Ihr Konto braucht jetzt eine Zwei-Faktor-Anmeldung. Bitte melden Sie sich erneut an."),
            )
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapper
