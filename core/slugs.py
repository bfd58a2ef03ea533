"""One way to make a unique slug for any model: the slugified text, then -2, -3 … until it is free."""

from django.utils.text import slugify


def unique_slug(text, queryset, *, max_length, fallback, suffix="", reserved=(), field="slug", exclude_pk=None):
    """A slug for `text` not yet used by `queryset` (nor in `reserved`).

    `max_length` cuts the slugified text (before `suffix`, e.g. a date); `fallback` stands in when
    nothing of the text is left (a title of only punctuation)."""
    base = (slugify(text)[:max_length].strip("-") or fallback) + suffix
    rows = queryset.filter(**{f"{field}__startswith": base})
    if exclude_pk is not None:
        rows = rows.exclude(pk=exclude_pk)
    taken = set(rows.values_list(field, flat=True))
    slug, n = base, 1
    while slug in taken or slug in reserved:
        n += 1
        slug = f"{base}-{n}"
    return slug
