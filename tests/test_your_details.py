"""Your details says who corrects a wrong detail: HR who load staff from ESR correct it
there themselves; everyone else asks HR."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

ASK_HR = "ask your HR or workforce team to correct it"
IN_ESR = "correct it in ESR, then bring it into Trellis with"


@pytest.mark.parametrize("role", ["owner", "line_manager", "led"])
def test_staff_are_told_to_ask_hr(client, cast, role):
    client.force_login(cast[role])
    text = client.get(reverse("person-me")).text
    assert ASK_HR in text and IN_ESR not in text


@pytest.mark.parametrize("role", ["hr", "administrator"])
def test_whoever_loads_staff_from_esr_corrects_it_there(client, cast, role):
    client.force_login(cast[role])
    text = client.get(reverse("person-me")).text
    assert IN_ESR in text and ASK_HR not in text
    assert f'href="{reverse("esr-import")}">Import from ESR</a>' in text


def test_hr_reading_someone_else_is_not_told_either(client, cast):
    client.force_login(cast["hr"])
    text = client.get(reverse("person-detail", args=[cast["owner"].pk])).text
    assert ASK_HR not in text and IN_ESR not in text
