"""The webhooks page (/team/webhooks/): every back-office account subscribes its own receivers and
sees their delivery log."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts.decorators import role_required
from accounts.permissions import can_use_back_office
from webhooks import services
from webhooks.queries import recent_deliveries, subscriptions_of
from webhooks.signing import secret_for
from webhooks.staff_forms import SubscriptionForm


@require_safe
@role_required(can_use_back_office)
def subscription_list(request):
    context = {"subscriptions": list(subscriptions_of(request.user)), "nav": "webhooks"}
    return render(request, "webhooks/staff/subscription_list.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(can_use_back_office)
def subscription_create(request):
    form = SubscriptionForm(request.POST or None)
    if form.is_valid():
        subscription = services.create_subscription(
            actor=request.user,
            url=form.cleaned_data["url"],
            event_types=form.cleaned_data["event_types"],
            request=request,
        )
        messages.success(request, _("Der Webhook ist angelegt."))
        return redirect("webhooks_staff:subscription_detail", subscription_pk=subscription.pk)
    return render(request, "webhooks/staff/subscription_form.html", {"form": form, "nav": "webhooks"})


@require_safe
@role_required(can_use_back_office)
def subscription_detail(request, subscription_pk):
    subscription = get_object_or_404(subscriptions_of(request.user), pk=subscription_pk)
    context = {
        "subscription": subscription,
        # Derived from SECRET_KEY, never stored: shown to its own account only (no-store page).
        "secret": secret_for(subscription),
        "deliveries": list(recent_deliveries(subscription)),
        "nav": "webhooks",
    }
    return render(request, "webhooks/staff/subscription_detail.html", context)


@require_POST
@role_required(can_use_back_office)
def subscription_toggle(request, subscription_pk):
    subscription = get_object_or_404(subscriptions_of(request.user), pk=subscription_pk)
    services.set_active(
        actor=request.user, subscription=subscription, active=not subscription.is_active, request=request
    )
    return redirect("webhooks_staff:subscription_detail", subscription_pk=subscription.pk)


@require_POST
@role_required(can_use_back_office)
def subscription_delete(request, subscription_pk):
    subscription = get_object_or_404(subscriptions_of(request.user), pk=subscription_pk)
    services.delete_subscription(actor=request.user, subscription=subscription, request=request)
    messages.success(request, _("Der Webhook ist gelöscht."))
    return redirect("webhooks_staff:subscription_list")
