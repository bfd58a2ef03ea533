from functools import wraps

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
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


def role_required(predicate):
    """Protect a staff view with a role predicate from `accounts.permissions` (or an app's rule built on them).

    Anonymous, or logged in without the second factor → the login page; logged in without the
    role → 403. Per-object rules (which event) are checked by the view's permission-checked getter.
    The predicate stays readable on the view (`view.required_role`), so tests can find every staff page.
    """

    def decorator(view):
        @login_completed_required
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not predicate(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapper.required_role = predicate
        return wrapper

    return decorator
