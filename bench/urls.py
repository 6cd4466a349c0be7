from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.template.loader import get_template
from django.urls import include, path

from people.models import OrganisationUnit


@login_not_required
def floor(request):
    """The floor: one query and a minimal template, through the same middleware,
    without Trellis's context processors (its menu) so nothing of Trellis's own
    is timed. For a signed-in client Django still reads the session and the
    person, as it must for any page that needs sign-in: `request.user` is lazy, so the
    floor reads it (anonymously, that reads nothing)."""
    signed_in = request.user.is_authenticated
    unit = OrganisationUnit.objects.order_by("pk").first()
    return HttpResponse(
        get_template("bench/floor.html").render({"unit": unit, "signed_in": signed_in})
    )


urlpatterns = [path("bench/floor/", floor), path("", include("config.urls"))]
