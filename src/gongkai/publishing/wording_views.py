"""Staff views of the 错敏词 check: the list an agency's 公开办 keeps (the platform's list beside it, kept by a
system administrator), and an item's hits with the acknowledgement the author or the checker gives before 复核."""

from __future__ import annotations

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse

from gongkai.agencies import history
from gongkai.agencies.roles import Perm
from gongkai.agencies.scoping import agency_or_404

from . import wording
from .models import InformationItemPage, WordingRule

ITEM_PERMS = (Perm.COLLECT_INFORMATION, Perm.CHECK_INFORMATION)


def rules(request, code: str):
    agency = agency_or_404(request.user, code, Perm.MANAGE_PUBLISHING)
    if request.method == "POST":
        expression = request.POST.get("expression", "").strip()
        platform = bool(request.POST.get("platform")) and request.user.is_superuser
        if not expression or len(expression) > 100:
            messages.error(request, "请填写错敏词（不超过 100 个字）")
        else:
            rule = WordingRule(
                agency=None if platform else agency,
                expression=expression,
                correction=request.POST.get("correction", "").strip()[:200],
                reason=request.POST.get("reason", "").strip()[:200],
                created_by=request.user,
            )
            try:
                with transaction.atomic():
                    rule.save()
                    history.record(
                        rule, "wagtail.create", request.user, history.diff({}, history.snapshot(rule))
                    )
            except IntegrityError:
                messages.error(request, f"“{expression}”已在清单中")
            else:
                messages.success(request, f"已添加错敏词“{expression}”")
        return redirect("publishing:wording_rules", code=agency.code)
    return TemplateResponse(
        request,
        "publishing/admin/wording_rules.html",
        {
            "agency": agency,
            "own": WordingRule.objects.filter(agency=agency).order_by("expression"),
            "platform": WordingRule.objects.filter(agency__isnull=True).order_by("expression"),
            "may_edit_platform": request.user.is_superuser,
        },
    )


def delete_rule(request, code: str, pk: int):
    agency = agency_or_404(request.user, code, Perm.MANAGE_PUBLISHING)
    if request.method != "POST":
        return rules(request, code)
    reach = Q(agency=agency) | Q(agency__isnull=True) if request.user.is_superuser else Q(agency=agency)
    rules_here = WordingRule.objects.filter(reach)
    rule = get_object_or_404(rules_here, pk=pk)
    with transaction.atomic():
        history.record(rule, "wagtail.delete", request.user, history.diff(history.snapshot(rule), {}))
        rule.delete()
    messages.success(request, f"已删除错敏词“{rule.expression}”")
    return redirect("publishing:wording_rules", code=agency.code)


def item_check(request, code: str, pk: int):
    """An item's hits (GET) and their acknowledgement (POST), for its agency's collectors and checkers."""
    agency = agency_or_404(request.user, code, ITEM_PERMS)
    item = get_object_or_404(InformationItemPage, pk=pk, agency=agency)
    if request.method == "POST":
        hits = wording.acknowledge(item, request.user)
        messages.success(
            request, f"已确认核对 {len(hits)} 处错敏词检查结果" if hits else "没有需要确认的检查结果"
        )
        return redirect("publishing:item_wording", code=agency.code, pk=item.pk)
    hits = wording.check(item)
    return TemplateResponse(
        request,
        "publishing/admin/item_wording.html",
        {"agency": agency, "item": item, "hits": hits, "acknowledged": wording.acknowledgement(item, hits)},
    )
