from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.urls import include, path

from people.models import OrganisationUnit


@login_not_required
def floor(request):
    """The floor: one query and a minimal template, through the same middleware."""
    unit = OrganisationUnit.objects.order_by("pk").first()
    return render(request, "bench/floor.html", {"unit": unit})


urlpatterns = [path("bench/floor/", floor), path("", include("config.urls"))]
