"""Single sign-on with the organisation's OpenID Connect provider, and the switch that
leaves passwords to break-glass administrators (docs/adr/0036-single-sign-on.md).

mozilla-django-oidc does the protocol (state, nonce, PKCE, the code exchange, the ID
token's signature); this package says who a signed-in account is (`matching`), where the
provider is (`provider`), and what a person sees when it does not work (`views`).
"""
