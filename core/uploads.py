"""One check for uploaded files: the extension is allowed, the size within the limit, and the first
bytes are what that type starts with (a renamed file is refused). The messages are the caller's."""

from dataclasses import dataclass
from pathlib import Path

from django import forms
from django.template.defaultfilters import filesizeformat


@dataclass(frozen=True)
class UploadRules:
    types: dict  # extension (".pdf") -> tuple of byte strings the file may start with
    max_mb: int
    wrong_type: str  # may use %(ext)s
    too_large: str  # may use %(mb)d and %(size)s
    wrong_content: str  # may use %(ext)s


def check_upload(upload, rules: UploadRules) -> str:
    """The upload's extension if it passes the rules; else a ValidationError with the rule's message."""
    extension = Path(upload.name).suffix.lower()
    if extension not in rules.types:
        raise forms.ValidationError(rules.wrong_type % {"ext": extension or "?"})
    if upload.size > rules.max_mb * 1024 * 1024:
        raise forms.ValidationError(rules.too_large % {"mb": rules.max_mb, "size": filesizeformat(upload.size)})
    signatures = rules.types[extension]
    upload.seek(0)
    head = upload.read(max(len(signature) for signature in signatures))
    upload.seek(0)
    if not head.startswith(signatures):
        raise forms.ValidationError(rules.wrong_content % {"ext": extension})
    return extension
