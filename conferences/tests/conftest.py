from registrations.tests.conftest import _registration_settings, open_form  # noqa: F401 - shared fixtures
