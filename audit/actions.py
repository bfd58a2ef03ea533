"""The actions the log knows by name: each app declares the codes it records and their labels
(`AUDIT_ACTIONS` in its contributions module, collected by core.registry). Unknown codes show as
they are."""

from core import registry


def label_for(code):
    return registry.audit_labels().get(code, code)


def choices():
    return sorted(registry.audit_labels().items(), key=lambda item: item[0])
