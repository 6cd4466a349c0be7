"""Trellis settings: one module, every value from the environment or `.env`.

`.env.example` documents each variable. The defaults are safe for production
(DEBUG off, secure cookies, HSTS); `make run` writes a `.env` for local use.
"""

import os
from datetime import timedelta
from pathlib import Path
from tempfile import gettempdir

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# ENV_FILE names another file (or /dev/null for none); variables already set win.
environ.Env.read_env(env.str("ENV_FILE", default=str(BASE_DIR / ".env")), overwrite=False)

DEBUG = env.bool("DEBUG", default=False)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    # Debug only: a per-process key, so nothing secret is ever committed.
    from django.core.management.utils import get_random_secret_key

    SECRET_KEY = get_random_secret_key()

ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# A form refused by the CSRF check keeps its text, as after an expired session.
CSRF_FAILURE_VIEW = "frontend.csrf.csrf_failure"

# Where to report a vulnerability in this deployment (mailto: or https: URIs), published
# at /.well-known/security.txt (RFC 9116); unset, that address answers 404.
SECURITY_CONTACT = env.list("SECURITY_CONTACT", default=[])
ORGANISATION_NAME = env.str("ORGANISATION_NAME", default="Trellis Demo NHS Trust")
# Where people report an accessibility problem or ask for another format, named in the
# accessibility statement (/accessibility/): an email address. Unset, the statement
# sends them to their line manager or HR team.
ACCESSIBILITY_CONTACT = env.str("ACCESSIBILITY_CONTACT", default="")
# Where Trellis is served, for links in emails sent by background tasks.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")

INSTALLED_APPS = [
    "config.apps.TrellisAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "crispy_forms",
    "django_htmx",
    "simple_history",
    "treebeard",
    "axes",
    "django_tasks_db",
    "django_filters",
    "import_export",
    "frontend",
    "people",
    "learning",
    "careers",
    "appraisals",
    "privacy",
    "trial",
]

MIDDLEWARE = [
    # Outermost: the URL scope it reads at the view holds until every answer is made.
    "people.navigation.UrlScopeMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # After WhiteNoise (static files keep their long cache): every other answer no-store.
    "frontend.caching.NoStoreMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Writes the reads of others' records that views noted (people.audit.shown).
    "people.audit.ReadAuditMiddleware",
    # Before login-required: a form posted after the session expired keeps its text.
    "frontend.middleware.KeptFormMiddleware",
    # Django's, also noting when the session ended while idle (the sign-in page says so).
    "people.timeout.LoginRequiredMiddleware",
    "people.middleware.IdleSessionMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After messages: the same form sent twice is saved once, answered as the first was.
    "frontend.middleware.OnceFormMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Axes after authentication: it reads the outcome.
    "axes.middleware.AxesMiddleware",
    # Innermost: a form body in another encoding than UTF-8 is refused with 400 before
    # any hook reads it, and the answer still gets every header above.
    "frontend.encoding.FormEncodingMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "people.context_processors.layout",
                "people.timeout.context",
            ],
            # {% form_guard %} sits beside {% csrf_token %} in every POST form.
            "builtins": ["frontend.templatetags.form_guard"],
        },
    },
]

# Database: the embedded default is SQLite beside the code; production is
# PostgreSQL through the same variable.
DATABASES = {"default": env.db("DATABASE_URL", default="sqlite:///db.sqlite3")}
_db = DATABASES["default"]
if _db["ENGINE"] == "django.db.backends.sqlite3":
    if _db["NAME"] not in ("", ":memory:") and not Path(_db["NAME"]).is_absolute():
        _db["NAME"] = str(BASE_DIR / _db["NAME"])
    # Concurrent requests (an autosave beside a form post) wait for the write
    # lock instead of failing; WAL lets reads go on meanwhile.
    _db.setdefault("OPTIONS", {}).update(
        transaction_mode="IMMEDIATE",
        timeout=20,
        init_command="PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    )
    # Tests use a file too: an in-memory database shared between the browser
    # tests' server threads fails at once on a lock rather than waiting.
    # One per process, so test runs side by side do not share it.
    _db["TEST"] = {"NAME": str(Path(gettempdir()) / f"trellis-test-{os.getpid()}.sqlite3")}
else:
    _db.setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
    _options = _db.setdefault("OPTIONS", {})
    # No JIT compilation: PostgreSQL compiles any query its planner costs above
    # jit_above_cost, which a page's correlated subqueries reach over a few
    # thousand rows, and compiling took 20 ms of a 29 ms catalogue query
    # (docs/adr/0051). Trellis's queries are short; none gains from it.
    # The planner costs a random page read as 1.1 sequential ones, not 4 (PostgreSQL's
    # documentation, random_page_cost: "1.1" for solid-state storage; a trust's tables
    # fit in memory). At 4, planned with its values, My team's query read a year's
    # journals and placements whole (3 ms at 20,000 people) rather than by each
    # report's index (0.5 ms); docs/adr/0077 gives what pages gained.
    # DATABASE_RANDOM_PAGE_COST= (empty) leaves the server's own value.
    _server = ["-c jit=off"]
    if _page_cost := env.str("DATABASE_RANDOM_PAGE_COST", default="1.1"):
        try:
            _cost = float(_page_cost)
        except ValueError:
            _cost = 0.0
        if not 0 < _cost < 1_000_000:  # also refuses "nan" and "inf"
            raise ImproperlyConfigured(
                f"DATABASE_RANDOM_PAGE_COST must be a number above 0, such as 1.1, "
                f"not {_page_cost!r}; or empty to leave the server's own."
            )
        _server.append(f"-c random_page_cost={_cost}")
    _options["options"] = " ".join(filter(None, [_options.get("options"), *_server]))
    # The few hand-written queries every page asks are prepared on each connection
    # (people/sql.py, docs/adr/0068); Django's own queries never are (its cursors bind
    # parameters on the client). Behind a pooler in transaction mode without support for
    # prepared statements (PgBouncer before 1.21), set DATABASE_PREPARED_STATEMENTS=0.
    if env.bool("DATABASE_PREPARED_STATEMENTS", default=True):
        _options.setdefault("prepare_threshold", 5)  # psycopg's own default
# A restarted database heals without restarting the app.
_db["CONN_HEALTH_CHECKS"] = True

# The cache holds what is drawn once for everyone (catalogue counts and cards).
# Its keys carry a stamp kept in the database, so a cache per process (the
# default) is never stale; a shared one (memcached, Redis) is only warmer.
# CACHE_URL=redis://host:6379/0 is Django's own RedisCache (the `redis` package);
# `?key_prefix=name` keeps two deployments on one Redis apart.
CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}
# django-environ 0.14 lower-cases these for Django's RedisCache, which reads them
# upper-case only (a lower-case key_prefix is silently ignored).
for _name in ("KEY_PREFIX", "TIMEOUT", "VERSION", "KEY_FUNCTION"):
    if _name.lower() in CACHES["default"]:
        CACHES["default"][_name] = CACHES["default"].pop(_name.lower())

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "people.Person"

AUTHENTICATION_BACKENDS = [
    # Axes first so a locked-out account is refused before any password check.
    "axes.backends.AxesStandaloneBackend",
    # Passwords (ModelBackend, refusing all but break-glass accounts when LOCAL_PASSWORDS
    # is off), then single sign-on (people/sso/), which only the sign-on's return calls.
    "people.sso.backends.LocalPasswordBackend",
    "people.sso.backends.OrganisationAccountBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Django's database sessions, each read by a statement compiled once (docs/adr/0089).
SESSION_ENGINE = "people.sessions"
# Sessions end after a period of inactivity (activity renews the clock, at most
# once a minute: people.middleware.IdleSessionMiddleware) and when the browser
# closes.
SESSION_COOKIE_AGE = int(
    timedelta(minutes=env.int("SESSION_IDLE_MINUTES", default=60)).total_seconds()
)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# A signed-in page warns this long before the idle sign-out, with a way to stay signed
# in (people.timeout, static/js/timeout-warning.js).
SESSION_WARNING_SECONDS = int(
    timedelta(minutes=env.int("SESSION_WARNING_MINUTES", default=5)).total_seconds()
)

# Single sign-on with the organisation's OpenID Connect provider (Microsoft Entra ID in NHS
# organisations): people/sso/, docs/adr/0036-single-sign-on.md, docs/deployment.md. Off
# unless OIDC_ISSUER is set; its endpoints are read from the issuer's discovery document.
OIDC_ISSUER = env.str("OIDC_ISSUER", default="").rstrip("/")
OIDC_RP_CLIENT_ID = env.str("OIDC_CLIENT_ID", default="")
OIDC_RP_CLIENT_SECRET = env.str("OIDC_CLIENT_SECRET", default="")
# The name on the button: "Sign in with <name>".
OIDC_PROVIDER_NAME = env.str("OIDC_PROVIDER_NAME", default=ORGANISATION_NAME)
# What finds the person: their email address (normalised as people/identity.py does) or
# their ESR employee number; and the claim of the ID token (or user info) carrying it.
OIDC_MATCH_CLAIM = env.str("OIDC_MATCH_CLAIM", default="email")
OIDC_CLAIM_NAME = env.str("OIDC_CLAIM_NAME", default=OIDC_MATCH_CLAIM)
OIDC_RP_SCOPES = env.str("OIDC_SCOPES", default="openid email profile")
OIDC_RP_SIGN_ALGO = env.str("OIDC_SIGN_ALGO", default="RS256")
OIDC_USE_PKCE = True
OIDC_STORE_ID_TOKEN = True  # kept in the session to offer the provider's sign-out
OIDC_CREATE_USER = False  # the library's own creation; Trellis's is OIDC_CREATE_PEOPLE
OIDC_TIMEOUT = env.float("OIDC_TIMEOUT", default=10.0)
OIDC_AUTHENTICATION_CALLBACK_URL = "sso-callback"
# An account no Trellis person matches is refused, unless OIDC_CREATE_PEOPLE is on: then
# a person is made from its claims (active, with no unit, line manager or password),
# refused if the address is not at one of OIDC_CREATE_DOMAINS (when set) or the address
# or employee number is already someone's, a leaver's included (people/sso/creating.py).
OIDC_CREATE_PEOPLE = env.bool("OIDC_CREATE_PEOPLE", default=False)
OIDC_CREATE_DOMAINS = env.list("OIDC_CREATE_DOMAINS", default=[])
# The claims a new person's values come from. The matching claim (OIDC_CLAIM_NAME) carries
# the identifier matched by; OIDC_EMAIL_CLAIM the email when matching by employee number,
# OIDC_EMPLOYEE_NUMBER_CLAIM (none by default) the employee number when matching by email.
OIDC_EMAIL_CLAIM = env.str("OIDC_EMAIL_CLAIM", default="email")
OIDC_EMPLOYEE_NUMBER_CLAIM = env.str("OIDC_EMPLOYEE_NUMBER_CLAIM", default="")
OIDC_GIVEN_NAME_CLAIM = env.str("OIDC_GIVEN_NAME_CLAIM", default="given_name")
OIDC_FAMILY_NAME_CLAIM = env.str("OIDC_FAMILY_NAME_CLAIM", default="family_name")
# A sign-in must come back from the provider within this time, and only once.
OIDC_SIGN_IN_SECONDS = env.int("OIDC_SIGN_IN_MINUTES", default=10) * 60
# LOCAL_PASSWORDS=0: only the break-glass accounts listed (administrators' email
# addresses) may sign in or reset a password with a password; everyone else uses single
# sign-on.
LOCAL_PASSWORDS = env.bool("LOCAL_PASSWORDS", default=True)
BREAK_GLASS_ACCOUNTS = env.list("BREAK_GLASS_ACCOUNTS", default=[])
if OIDC_MATCH_CLAIM not in ("email", "employee_number"):
    raise ImproperlyConfigured("OIDC_MATCH_CLAIM must be email or employee_number.")
if OIDC_ISSUER and not (OIDC_RP_CLIENT_ID and OIDC_RP_CLIENT_SECRET):
    raise ImproperlyConfigured("OIDC_ISSUER needs OIDC_CLIENT_ID and OIDC_CLIENT_SECRET.")
if not LOCAL_PASSWORDS and not OIDC_ISSUER:
    raise ImproperlyConfigured("LOCAL_PASSWORDS=0 needs single sign-on (OIDC_ISSUER).")
if OIDC_CREATE_PEOPLE and not OIDC_ISSUER:
    raise ImproperlyConfigured("OIDC_CREATE_PEOPLE=1 needs single sign-on (OIDC_ISSUER).")
# Failed sign-ins: lock the email/address pair after AXES_FAILURE_LIMIT tries.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# The sign-in form's field is "username" (Django's AuthenticationForm) even
# though people sign in with their email.
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "people.auth.lockout_username"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
# A lock lasts AXES_COOLOFF_MINUTES from the failure that set it, as the lockout page
# says; tries meanwhile are refused unchecked and do not restart the clock. Setting a
# new password through a reset link lifts it (people.services.password_reset_completed).
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# Password reset emails: at most this many an hour for one address, and from one
# client address (people.services.may_send_password_reset).
PASSWORD_RESET_LIMIT_PER_ADDRESS = env.int("PASSWORD_RESET_LIMIT_PER_ADDRESS", default=3)
PASSWORD_RESET_LIMIT_PER_CLIENT = env.int("PASSWORD_RESET_LIMIT_PER_CLIENT", default=30)
# The client's address for lockouts (django-ipware). Behind AXES_PROXY_COUNT
# reverse proxies, each proxy appends the address it was reached from to
# X-Forwarded-For and the last one is REMOTE_ADDR, so the client is the
# header's AXES_PROXY_COUNT-th entry from the right; ipware counts only the
# proxies listed in the header, hence one fewer. Entries a client adds on the
# left are never read, and a longer header is accepted (not strict) so adding
# them cannot move a person onto a fresh address.
_proxy_count = env.int("AXES_PROXY_COUNT", default=0)
if _proxy_count:
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")
    AXES_IPWARE_PROXY_COUNT = _proxy_count - 1
    IPWARE_STRICT = False
else:
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("REMOTE_ADDR",)
    AXES_IPWARE_PROXY_COUNT = None

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": env.str(
            "STATICFILES_BACKEND",
            default="whitenoise.storage.CompressedManifestStaticFilesStorage",
        )
    },
}
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# Uploads and made files (evidence, PDFs, ZIP exports) go through Django's storage API:
# the local disk under MEDIA_ROOT by default. MEDIA_BUCKET names an S3-compatible bucket
# instead (pip install '.[s3]': django-storages' S3Storage), so that every web and worker
# machine sees the same files. Credentials come from boto3's usual places
# (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or the machine's role).
MEDIA_BUCKET = env.str("MEDIA_BUCKET", default="")
if MEDIA_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": MEDIA_BUCKET,
            # Another provider than AWS (MinIO, Ceph, a cloud's S3-compatible store).
            "endpoint_url": env.str("MEDIA_ENDPOINT_URL", default="") or None,
            "region_name": env.str("MEDIA_REGION", default="") or None,
            "location": env.str("MEDIA_PREFIX", default=""),
            # Files are private, only ever served through Trellis's own views.
            "default_acl": None,
            # As on disk: a second file of the same name gets a new name, never replaces.
            "file_overwrite": False,
        },
    }
# The largest file anyone may upload (evidence): a larger one is refused while it is
# read, never stored (frontend/uploads.py). The proxy's body limit sits just above it.
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
FILE_UPLOAD_HANDLERS = [
    "frontend.uploads.CappedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

# EMAIL_URL, e.g. smtp+tls://user:password@smtp.example.org:587; the console in debug.
_email = env.email_url("EMAIL_URL", default="consolemail://" if DEBUG else "smtp://localhost:25")
_smtp_options = {
    "host": _email.get("EMAIL_HOST"),
    "port": _email.get("EMAIL_PORT"),
    "username": _email.get("EMAIL_HOST_USER"),
    "password": _email.get("EMAIL_HOST_PASSWORD"),
    "use_tls": _email.get("EMAIL_USE_TLS"),
    "use_ssl": _email.get("EMAIL_USE_SSL"),
    # Seconds to wait on the mail server: one that never answers fails the task, not hangs it.
    "timeout": env.float("EMAIL_TIMEOUT", default=10.0),
}
MAILERS = {
    "default": {
        "BACKEND": _email["EMAIL_BACKEND"],
        "OPTIONS": {k: v for k, v in _smtp_options.items() if v}
        if _email["EMAIL_BACKEND"].endswith("smtp.EmailBackend")
        else {},
    }
}
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="trellis@localhost")

# GOV.UK Notify instead of EMAIL_URL, as NHS services use (pip install '.[notify]'):
# every email goes through one Notify template with ((subject)) and ((body)) placeholders.
NOTIFY_API_KEY = env.str("NOTIFY_API_KEY", default="")
if NOTIFY_API_KEY:
    GOVUK_NOTIFY_API_KEY = NOTIFY_API_KEY
    GOVUK_NOTIFY_PLAIN_EMAIL_TEMPLATE_ID = env.str("NOTIFY_TEMPLATE_ID")
    MAILERS["default"] = {"BACKEND": "django_gov_notify.backends.NotifyEmailBackend"}

# Reminder emails (appraisals/reminders, docs/adr/0032-reminders.md): days before a
# cycle closes to start reminding; days a proposed placement waits before the one who
# should answer is reminded; days after a learning follow-up fell due, unanswered; and
# the weekday (0 Monday to 6 Sunday) people who chose a weekly digest get it.
REMINDER_CYCLE_CLOSING_DAYS = env.int("REMINDER_CYCLE_CLOSING_DAYS", default=14)
REMINDER_PLACEMENT_DAYS = env.int("REMINDER_PLACEMENT_DAYS", default=14)
REMINDER_FOLLOW_UP_DAYS = env.int("REMINDER_FOLLOW_UP_DAYS", default=14)
REMINDER_DIGEST_WEEKDAY = env.int("REMINDER_DIGEST_WEEKDAY", default=0)

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# A task still running after this many seconds is taken as left by a stopped worker and
# queued again by `manage.py run_worker` (frontend/worker.py); longer than any task runs.
TASK_STUCK_AFTER_SECONDS = env.int("TASK_STUCK_AFTER_SECONDS", default=1800)
# A journal answer keeps the text each sitting left it as (careers/journal/versions.py,
# docs/adr/0053): a save in another session, or this many minutes after its sitting
# first changed the answer, keeps the text saved before it. 0 keeps one at every save.
JOURNAL_ANSWER_SITTING_MINUTES = env.int("JOURNAL_ANSWER_SITTING_MINUTES", default=30)
# A PDF holding more items than this (CPD entries, journal answers) is built by a
# background task with a progress page, not while the request waits.
PDF_INLINE_MAX_ITEMS = env.int("PDF_INLINE_MAX_ITEMS", default=40)
# HR's bulk booklet exports (docs/adr/0031-bulk-booklet-exports.md): days a finished ZIP
# is kept, booklets per background task, and booklets a rendering child makes before it
# is replaced (0: render in the worker itself, as the tests do).
BOOKLET_EXPORT_KEEP_DAYS = env.int("BOOKLET_EXPORT_KEEP_DAYS", default=7)
BOOKLET_EXPORT_CHUNK = env.int("BOOKLET_EXPORT_CHUNK", default=20)
BOOKLET_EXPORT_RECYCLE_EVERY = env.int("BOOKLET_EXPORT_RECYCLE_EVERY", default=50)
# A copy of a person's data (privacy/your_data) is kept this many days, then cleaned up.
YOUR_DATA_KEEP_DAYS = env.int("YOUR_DATA_KEEP_DAYS", default=7)
# The organisation's certificate that seals complete appraisal booklets (PEM files and
# the key's passphrase; docs/adr/0028-sealed-booklet.md). Unset: booklets are not sealed.
BOOKLET_SEAL_CERT = env.str("BOOKLET_SEAL_CERT", default="")
BOOKLET_SEAL_KEY = env.str("BOOKLET_SEAL_KEY", default="")
BOOKLET_SEAL_PASSPHRASE = env.str("BOOKLET_SEAL_PASSPHRASE", default="")
# Further certificates a sealed booklet may chain to (an issuing CA), for checking.
BOOKLET_SEAL_TRUST = env.list("BOOKLET_SEAL_TRUST", default=[])

CRISPY_ALLOWED_TEMPLATE_PACKS = ["nhsuk"]
CRISPY_TEMPLATE_PACK = "nhsuk"
# Widget templates drawn by Jinja2, the rest by Django templates (frontend/renderers.py).
FORM_RENDERER = "frontend.renderers.FormRenderer"

# Transport security: on whenever DEBUG is off.
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env.bool("BEHIND_TLS_PROXY", default=False) else None
)
# Cookies go over HTTPS only, unless DEBUG or ALLOW_INSECURE_COOKIES=1 (a plain-http
# test deployment on loopback; `check --deploy` then warns, as it should).
SECURE_COOKIES = not DEBUG and not env.bool("ALLOW_INSECURE_COOKIES", default=False)
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
SESSION_COOKIE_HTTPONLY = True
SECURE_HSTS_SECONDS = 0 if DEBUG else env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# A strict Content-Security-Policy: no inline scripts or styles anywhere.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "axes": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "weasyprint.progress": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# While the database does not answer: a 503 page asking to come back after this many
# seconds (frontend/outage.py).
OUTAGE_RETRY_AFTER = env.int("OUTAGE_RETRY_AFTER", default=30)

# Management information hides counts below this (NHS statistics hide 1 to 4).
MI_SMALL_NUMBER_THRESHOLD = env.int("MI_SMALL_NUMBER_THRESHOLD", default=5)
if MI_SMALL_NUMBER_THRESHOLD < 1:
    raise ImproperlyConfigured("MI_SMALL_NUMBER_THRESHOLD must be 1 or more.")

# Demo installs only (`manage.py seed_demo`, which refuses to run without DEBUG).
DEMO_PASSWORD = env.str("DEMO_PASSWORD", default="")
