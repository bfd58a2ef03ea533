"""REST API v1 (`/api/v1/`): django-ninja generates the OpenAPI 3.1 schema from these functions and
the shapes in `api.schemas`.

Public lists need no token and answer with an ETag (a matching If-None-Match gets 304). The `team`
operations need a bearer token (`api.auth`) with the scope they name, and follow the back office's
rules: events the account cannot open are 404, names only where its pages show names. Every answer
with personal data leaves an audit entry. Errors are problem documents (`api.problems`).
Other apps add routers through the hook `api_routers` (docs/architecture.md, "REST API").

The operations live in `api.views.public` and `api.views.team`, what they share in
`api.views.common`; this module makes the API object, its error handlers and mounts the routers.
"""

from django.http import Http404, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from api.problems import MEDIA_TYPE, ApiProblem, not_found
from api.views.community import community
from api.views.public import public
from api.views.reports import reports
from api.views.team import team
from core.registry import announce

DESCRIPTION = """
The open interface of *Support für Initiative*: trainings, conferences and networking meetings
for people who volunteer with refugees in Saxony.

* **Public** operations need no token. Lists are paged (`page`, `per_page` ≤ 100) and say how
  many items match (`count`, `pages`); they send an `ETag`, so `If-None-Match` saves a download.
* **Team** operations need `Authorization: Bearer <token>`. A token is made by an account for
  itself on the back-office page "API-Tokens" with scopes (`events:read`, `participants:read`,
  `checkin:write`, `reports:read`); it sees what the account's pages show, no more.
* **Errors** are problem documents (RFC 9457, `application/problem+json`) with a `type` from
  `/api/v1/problems/…`: `invalid-parameter` (400, the parameter is named in `invalid_params`),
  `unauthorized` (401: no, unknown, expired or revoked token), `forbidden` (403: the token's
  scope does not cover the operation), `counts-only` (403: this account sees counts, not names, for
  the event), `not-found` (404, also for events the account may not see), `too-many-requests` (429).
"""


class Api(NinjaAPI):
    def get_openapi_schema(self, **kwargs):
        """Error answers are problem documents: say so in the schema."""
        schema = super().get_openapi_schema(**kwargs)
        for operations in schema["paths"].values():
            for operation in operations.values():
                for status, response in operation.get("responses", {}).items():
                    content = response.get("content", {})
                    if int(status) >= 400 and "application/json" in content:
                        response["content"] = {MEDIA_TYPE: content["application/json"]}
        return schema


api = Api(
    title="Support für Initiative API",
    version="1.0.0",
    description=DESCRIPTION,
    urls_namespace="api_v1",
    docs_url="/docs/",
    openapi_url="/openapi.json",
)


def not_found_view(request, rest=""):
    """Any other path under /api/v1/: a problem document, not the site's HTML page."""
    return problem_response(not_found(f"No operation at {request.path}."))


def problem_response(problem: ApiProblem):
    response = HttpResponse(problem.as_problem().model_dump_json(exclude_none=True), content_type=MEDIA_TYPE)
    response.status_code = problem.status
    for name, value in problem.headers.items():
        response[name] = value
    response["Cache-Control"] = "no-store"
    return response


@api.exception_handler(ApiProblem)
def _problem(request, exc):
    return problem_response(exc)


@api.exception_handler(ValidationError)
def _validation(request, exc):
    params = []
    for error in exc.errors:
        location = [str(part) for part in error.get("loc", ()) if part not in ("query", "path", "body", "filters")]
        name = ".".join(location) or "body"
        params.append((name, error.get("msg", "invalid")))
    names = ", ".join(name for name, _reason in params)
    return problem_response(ApiProblem(400, "invalid-parameter", f"Invalid: {names}", invalid_params=params))


@api.exception_handler(AuthenticationError)
def _unauthenticated(request, exc):
    detail = "Send a valid token: Authorization: Bearer <token> (unknown, expired and revoked tokens are refused)."
    return problem_response(ApiProblem(401, "unauthorized", detail, headers={"WWW-Authenticate": "Bearer"}))


@api.exception_handler(Http404)
def _not_found(request, exc):
    return problem_response(not_found())


@api.exception_handler(HttpError)
def _http_error(request, exc):
    kind = {405: "method-not-allowed", 404: "not-found"}.get(exc.status_code, "invalid-parameter")
    return problem_response(ApiProblem(exc.status_code, kind, str(exc)))


api.add_router("/", public)
api.add_router("/", community)
api.add_router("/team/", team)
api.add_router("/team/reports", reports)
for answer in announce("api_routers"):
    for prefix, router in answer:
        api.add_router(prefix, router)
