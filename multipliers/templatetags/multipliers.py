from django import template

register = template.Library()


@register.filter
def profile_for(profiles, registration_id):
    """The multiplier profile made from this registration, if any ({registration id: profile})."""
    return profiles.get(registration_id)
