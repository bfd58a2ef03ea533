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


def test_the_hooks_are_those_the_apps_announce_and_each_one_answered_is_announced():
    names = registry.hook_names()
    assert {"event_cancelled", "event_changed", "event_copied", "dashboard_due"} <= set(names)
    answered = {name for contribution in registry.contributions() for name in contribution.get("HOOKS", {})}
    assert answered <= set(names)
    assert all(registry.hook_answers(name) for name in answered)
