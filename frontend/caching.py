"""Private pages are kept by no browser and no proxy.

Every answer Django gives is `no-store` unless its view set its own Cache-Control for
a signed-out person; an answer to a signed-in person is `private, no-store` whatever
its view said. Static files are the one exemption: WhiteNoise answers them before this
middleware runs (it sits after WhiteNoiseMiddleware), with its long cache headers.
See docs/adr/0020-reads-recorded-no-store.md.
"""

from django.utils.cache import add_never_cache_headers, patch_cache_control, patch_vary_headers


class NoStoreMiddleware:
    """Marks each answer `no-store` and `Vary: Cookie` (see the module)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not response.has_header("Cache-Control"):
            add_never_cache_headers(response)
        elif self._signed_in(request):
            patch_cache_control(response, private=True, no_store=True, no_cache=True, max_age=0)
        # Every page depends on who is signed in (the session cookie).
        patch_vary_headers(response, ("Cookie",))
        return response

    @staticmethod
    def _signed_in(request):
        # Only when the answer read the session: asking who is signed in would read it
        # here, and /health/ must answer while the session store cannot (ADR 0021).
        session = getattr(request, "session", None)
        return bool(session is not None and session.accessed and request.user.is_authenticated)
