"""core.registry collects what the installed apps declare in their contributions modules."""

from core import registry


def test_every_installed_app_of_ours_has_a_contributions_module_read_in_installed_apps_order():
    found = [contribution.app for contribution in registry.contributions()]
    assert found[:3] == ["core", "accounts", "regions"]
    assert "registrations" in found and "demo" not in found


def test_the_declarations_are_consistent():
    assert registry.problems() == []


def test_an_unknown_hook_is_refused_by_name():
    try:
        registry.announce("event_exploded", event=None)
    except LookupError as error:
        assert "event_exploded" in str(error)
    else:
        raise AssertionError("an unknown hook must not pass silently")
