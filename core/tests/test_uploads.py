"""core.uploads.check_upload: extension, size and first bytes, each refused with the caller's message."""

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile

from core.uploads import UploadRules, check_upload

RULES = UploadRules(
    types={".pdf": (b"%PDF-",), ".jpg": (b"\xff\xd8\xff",)},
    max_mb=1,
    wrong_type="Typ %(ext)s",
    too_large="Größe %(size)s über %(mb)d MB",
    wrong_content="Inhalt passt nicht zu %(ext)s",
)


def test_a_matching_file_passes_and_can_be_read_from_the_start():
    upload = SimpleUploadedFile("Merkblatt.PDF", b"%PDF-1.4 rest")
    assert check_upload(upload, RULES) == ".pdf"
    assert upload.read() == b"%PDF-1.4 rest"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("programm.exe", b"MZ", "Typ .exe"),
        ("ohne-endung", b"%PDF-", "Typ ?"),
        ("gross.pdf", b"%PDF-" + b"0" * 1024 * 1024, "Größe 1,0\xa0MB über 1 MB"),
        ("foto.pdf", b"\xff\xd8\xff\xe0", "Inhalt passt nicht zu .pdf"),
        ("kurz.jpg", b"\xff", "Inhalt passt nicht zu .jpg"),
    ],
)
def test_refusals_name_the_reason(name, content, message):
    with pytest.raises(forms.ValidationError) as refused:
        check_upload(SimpleUploadedFile(name, content), RULES)
    assert refused.value.messages == [message]
