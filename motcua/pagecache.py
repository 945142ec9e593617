"""Public pages served from the cache to anonymous visitors.

The catalogue and the field-report feed are read by thousands of citizens and change a few
times a day; rendering them for each visitor cost 10–20× a bare response. An anonymous GET is
answered from the cache for PUBLIC_PAGE_CACHE_SECONDS (0 turns it off); a logged-in person,
whose pages carry their name and tokens, always gets a fresh page. A response that sets a
cookie, holds a CSRF token or shows a flash message is never stored (it would hand one
visitor's token or message to another).
Pages with personal data (the dossier lookup) are never decorated.
"""

from __future__ import annotations

import hashlib
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.translation import get_language


def _key(request) -> str:
    raw = f"{get_language()}\x1f{request.get_full_path()}"
    return "pagecache:" + hashlib.sha256(raw.encode("utf-8")).hexdigest()


def anonymous_page(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        seconds = settings.PUBLIC_PAGE_CACHE_SECONDS
        if not seconds or request.method != "GET" or request.user.is_authenticated:
            return view(request, *args, **kwargs)
        key = _key(request)
        hit = cache.get(key)
        if hit is not None:
            content, content_type = hit
            return HttpResponse(content, content_type=content_type)
        response = view(request, *args, **kwargs)
        # A page that showed a flash message ("Đã đăng xuất") was meant for this visitor alone.
        shown_messages = getattr(getattr(request, "_messages", None), "used", False)
        # A view sets `response.cacheable = False` for a page that must reach the view each time.
        if (response.status_code == 200 and not response.streaming and not response.cookies and not shown_messages
                and getattr(response, "cacheable", True) and b"csrfmiddlewaretoken" not in response.content):
            cache.set(key, (response.content, response["Content-Type"]), seconds)
        return response

    return wrapper
