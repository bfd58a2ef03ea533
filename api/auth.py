"""Bearer tokens for the API: `Authorization: Bearer sfi_…`.

A token stands for the completed login (password and second factor) in which its account made it:
the account acts through it with its current role and the rules of the back office, limited to
the token's scopes. Expired, revoked or unknown tokens get 401; too many requests 429.
"""

from django.conf import settings
from ninja.security import HttpBearer

from api.problems import ApiProblem
from api.queries import usable_token
from api.scopes import all_scopes
from api.services import note_use
from core.guards import over_limit


class TokenAuth(HttpBearer):
    def authenticate(self, request, token):
        found = usable_token(token)
        if found is None:
            return None
        if over_limit(request, group="api-token", rate=settings.API_RATE_PER_TOKEN, key=lambda _g, _r: str(found.pk)):
            raise ApiProblem(
                429,
                "too-many-requests",
                f"At most {settings.API_RATE_PER_TOKEN} requests per token.",
                headers={"Retry-After": "60"},
            )
        user = found.user
        # The token was made in a code-confirmed session (the tokens page needs one), so it counts
        # as one for the roles of accounts.permissions.
        user.is_verified = lambda: True
        note_use(found)
        request.api_token = found
        return user


def require_scope(request, key):
    """403 unless the token carries `key` and its account may still hold it (its role may have changed)."""
    token = request.api_token
    scope = next((s for s in all_scopes() if s.key == key), None)
    if key not in token.scopes or scope is None or not scope.allowed(token.user):
        raise ApiProblem(403, "forbidden", f"This needs a token with the scope {key}.")
