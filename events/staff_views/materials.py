from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.decorators import role_required
from events import services
from events.models import Material
from events.permissions import can_manage_events, visible_event_or_404
from events.staff_forms import MaterialForm


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(can_manage_events)
def material_list(request, pk):
    event = visible_event_or_404(request.user, pk)
    form = MaterialForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        services.add_material(actor=request.user, event=event, material=form.save(commit=False), request=request)
        messages.success(request, _("„%(title)s“ ist hochgeladen.") % {"title": form.instance.title})
        return redirect("events_staff:material_list", pk=event.pk)
    context = {"event": event, "form": form, "materials": event.materials.all(), "nav": "events"}
    return render(request, "events/staff/materials.html", context)


@require_POST
@role_required(can_manage_events)
def material_remove(request, pk, material_pk):
    event = visible_event_or_404(request.user, pk)
    material = get_object_or_404(Material, pk=material_pk, event=event)
    title = material.title
    services.remove_material(actor=request.user, material=material, request=request)
    messages.success(request, _("„%(title)s“ ist entfernt.") % {"title": title})
    return redirect("events_staff:material_list", pk=event.pk)
