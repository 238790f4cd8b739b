"""The public's lookup page, shared by applications and feedback: number + query code → the case, with wrong
codes throttled (`gongkai.throttle`: HTTP 429 while refused)."""

from __future__ import annotations

from collections.abc import Callable

from django.template.response import TemplateResponse

from gongkai import throttle
from gongkai.clients import client_address


def lookup_page(
    request, form_class, find: Callable, *, template: str, key: str, not_found: str, **context
) -> TemplateResponse:
    """Show the lookup form; on a valid POST put `find(number, query_code, client)` into the context as `key`, or
    say why not (`not_found`, or the throttle's message)."""
    form = form_class(request.POST if request.method == "POST" else None)
    context = {"form": form, key: None, "message": "", **context}
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            context[key] = find(data["number"], data["query_code"], client_address(request))
        except throttle.Throttled as exc:
            context["message"], status = str(exc), 429
        else:
            if context[key] is None:
                context["message"] = not_found
    return TemplateResponse(request, template, context, status=status)
