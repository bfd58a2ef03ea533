"""Errors as JSON problem details (RFC 9457): one shape for every error of the API.

`type` is a URI reference naming the kind of problem (documented on /api/v1/docs/), `title` is
the same for every problem of that type, `detail` says what happened this time, and a bad
parameter is named in `invalid_params` (name + reason), as in RFC 9457's example.
"""

from http import HTTPStatus

from pydantic import BaseModel

MEDIA_TYPE = "application/problem+json"
TYPE_BASE = "/api/v1/problems/"

TITLES = {
    "invalid-parameter": "A parameter is invalid",
    "unauthorized": "A valid token is needed",
    "forbidden": "The token's scope does not cover this",
    "counts-only": "This account sees counts, not names, for this event",
    "not-found": "Not found",
    "not-acceptable-state": "Not possible in the event's state",
    "too-many-requests": "Too many requests with this token",
    "method-not-allowed": "Method not allowed",
}


class InvalidParam(BaseModel):
    name: str
    reason: str


class Problem(BaseModel):
    type: str
    title: str
    status: int
    detail: str = ""
    invalid_params: list[InvalidParam] | None = None


class ApiProblem(Exception):
    """Raised anywhere in an endpoint: becomes a problem response."""

    def __init__(self, status, kind, detail="", *, invalid_params=None, headers=None):
        super().__init__(detail)
        self.status, self.kind, self.detail = status, kind, detail
        self.invalid_params = invalid_params
        self.headers = headers or {}

    def as_problem(self) -> Problem:
        return Problem(
            type=TYPE_BASE + self.kind,
            title=TITLES.get(self.kind, HTTPStatus(self.status).phrase),
            status=self.status,
            detail=str(self.detail),
            invalid_params=[InvalidParam(name=n, reason=r) for n, r in self.invalid_params]
            if self.invalid_params
            else None,
        )


def invalid(name, reason):
    return ApiProblem(400, "invalid-parameter", f"{name}: {reason}", invalid_params=[(name, reason)])


def not_found(detail="No such resource."):
    return ApiProblem(404, "not-found", detail)
