"""The admin's background fetches are answered as such: refused without a flash message.

Wagtail's admin answers a PermissionDenied with a redirect and the message "对不起， 你没有权限访问。" unless the
request says ``X-Requested-With: XMLHttpRequest`` (wagtail.admin.auth.require_admin_access). The editor's
autosave posts with ``fetch`` and ``Accept: application/json`` but without that header. So when a workflow step
takes the editor away from its actor (the 保密审查员 concludes 部分公开 and the item goes back to its author), an
autosave still in flight is refused and leaves the message behind: its response's message cookie can even replace
the one that says what happens next to the item, and the actor's desk then says only that they lack permission.
A request to the admin that does not accept HTML is a fetch of this kind, and is marked as one here, so the refusal
is a plain 403 and nothing is added to the messages.
"""

from __future__ import annotations


class AdminFetchMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith("/admin/") and not request.accepts("text/html"):
            request.META.setdefault("HTTP_X_REQUESTED_WITH", "XMLHttpRequest")
            request.__dict__.pop("headers", None)  # read (and cached) by accepts(); read again from META
        return self.get_response(request)
