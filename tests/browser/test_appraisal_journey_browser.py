"""The whole appraisal in a real browser, as its users meet it: HR creates a cycle for a
unit and opens it; the person prepares and submits; their line manager writes and
submits; both sign; the person downloads the sealed booklet; HR finds the appraisal
from the cycle's page and downloads it too; the person's "who has looked at your
records" page names HR's download. axe and the 320 px reflow on every page, and
screenshots of the main pages in /tmp/journey-*.png."""

import re
import shutil
import subprocess
from datetime import date

import pytest
from playwright.sync_api import expect

from appraisals.booklet import services as booklets
from appraisals.management.commands.booklet_demo_certificate import make_pair
from appraisals.models import Appraisal
from tests.browser.appraisal_steps import (
    both_sign,
    follow,
    manager_writes,
    person_prepares,
    save,
    ship_values,
    sign_out,
)
from tests.browser.conftest import ARTIFACTS, accessible, sign_in
from tests.factories import PASSWORD, PersonFactory

SELF_ASSESSMENT = "I ran the clinic rota all year and trained two new receptionists."
MANAGER_ASSESSMENT = "A steady, kind year: the rota never failed a clinic."


def shot(page, name):
    """axe and the reflow check, keeping the page at 1280 and 320 px for people to look at."""
    accessible(page, screenshot=f"journey-{name}")
    for suffix in ("", "-320"):
        shutil.copy(ARTIFACTS / f"journey-{name}{suffix}.png", f"/tmp/journey-{name}{suffix}.png")
    return page


def create_and_open_cycle(page, name, year):
    follow(page, "Appraisal cycles")
    follow(page, "Create a cycle")
    page.get_by_label("Name of the cycle").fill(name)
    page.get_by_label(f"April {year} to March {year + 1}").check()
    for group, when in (("Opening date", date(year, 4, 1)),
                        ("Closing date", date(year + 1, 3, 31))):  # fmt: skip
        fieldset = page.get_by_role("group", name=group)
        fieldset.get_by_label("Day").fill(str(when.day))
        fieldset.get_by_label("Month").fill(str(when.month))
        fieldset.get_by_label("Year").fill(str(when.year))
    page.get_by_label("Find a unit").fill("clinic")  # units are chosen by search
    page.get_by_label("Clinic Admin (team)").check()
    save(page, "Create the cycle")
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    page.get_by_role("button", name="Open the cycle").click()
    shot(page, "cycle")
    expect(page.get_by_role("alert")).to_contain_text("2 people given an appraisal.")


def download(page, link, name):
    """Click `link`, save what comes down; returns (path, its text by pdftotext)."""
    with page.expect_download() as caught:
        page.get_by_role("link", name=link).click()
    path = ARTIFACTS / name
    caught.value.save_as(path)
    assert path.read_bytes().startswith(b"%PDF-")
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return path, text


@pytest.fixture
def sealing(settings, tmp_path):
    """The organisation's certificate, so a complete appraisal's booklet is sealed."""
    key, cert, passphrase = make_pair(tmp_path / "seal", organisation="Demo Trust")
    settings.BOOKLET_SEAL_KEY, settings.BOOKLET_SEAL_CERT = str(key), str(cert)
    settings.BOOKLET_SEAL_PASSPHRASE = passphrase
    settings.MEDIA_ROOT = tmp_path / "media"


def test_an_appraisal_from_cycle_to_sealed_booklet(page, organisation, sealing):
    ship_values()
    ARTIFACTS.mkdir(exist_ok=True)
    team = organisation["team"]
    manager = PersonFactory(unit=team, given_name="Priya", family_name="Shah",
                            job_title="Clinic Manager")  # fmt: skip
    person = PersonFactory(unit=team, line_manager=manager, given_name="Sam",
                           family_name="Okafor", job_title="Receptionist")  # fmt: skip
    hr = PersonFactory(unit=organisation["other_team"], hr=True, given_name="Hana",
                       family_name="Reid")  # fmt: skip
    hr.hr_scopes.create(unit=organisation["org"])
    year = date.today().year if date.today().month >= 4 else date.today().year - 1

    # HR creates the cycle for the team and opens it.
    sign_in(page, hr.email, PASSWORD)
    create_and_open_cycle(page, f"Clinic Admin appraisals {year}", year)
    people = page.get_by_role("table", name=re.compile("Appraisals in Clinic Admin"))
    expect(people.get_by_role("row", name=re.compile("Sam Okafor"))).to_contain_text("Not started")
    sign_out(page)

    # The person prepares their part and submits it; the manager writes theirs (values
    # rated, pay progression, dates, their assessment) and submits; both sign. The
    # appraisal is complete, and its booklet is sealed (the background task, run here as
    # the worker would).
    person_prepares(
        page,
        person,
        SELF_ASSESSMENT,
        objective="Answer the phone within five rings",
        look=lambda page: shot(page, "appraisal-person"),
    )
    manager_writes(
        page,
        manager,
        "Sam Okafor",
        self_assessment=SELF_ASSESSMENT,
        assessment=MANAGER_ASSESSMENT,
        year=year,
        look=lambda page: shot(page, "appraisal-appraiser"),
    )
    both_sign(
        page,
        person,
        manager,
        "Sam Okafor",
        assessment=MANAGER_ASSESSMENT,
        look=lambda page: shot(page, "sign"),
    )
    appraisal = Appraisal.objects.get(person=person)
    assert booklets.seal_now(appraisal_id=appraisal.pk) is not None

    # The person reads and downloads their sealed booklet.
    sign_in(page, person.email, PASSWORD)
    follow(page, "Your appraisal")
    follow(page, "Read and download the booklet")
    shot(page, "booklet")
    expect(page.get_by_text(re.compile("The booklet was sealed on"))).to_be_visible()
    _, text = download(page, "Download the sealed booklet (PDF)", "journey-person.pdf")
    words = " ".join(text.split())
    assert SELF_ASSESSMENT in words
    assert "Sam Okafor" in words and "Priya Shah" in words
    assert "Draft" not in words
    sign_out(page)

    # HR finds the appraisal from the cycle's page and downloads the booklet too.
    sign_in(page, hr.email, PASSWORD)
    follow(page, "Appraisal cycles")
    follow(page, f"Clinic Admin appraisals {year}")
    people = page.get_by_role("table", name=re.compile("Appraisals in Clinic Admin"))
    expect(people.get_by_role("row", name=re.compile("Sam Okafor"))).to_contain_text("Complete")
    people.get_by_role("link", name="Booklet of Sam Okafor").click()
    accessible(page)
    _, hr_text = download(page, "Download the sealed booklet (PDF)", "journey-hr.pdf")
    assert SELF_ASSESSMENT in " ".join(hr_text.split())
    sign_out(page)

    # The person sees that HR downloaded it.
    sign_in(page, person.email, PASSWORD)
    page.goto("/people/me/reads/")
    accessible(page)
    reads = page.get_by_role("table", name=re.compile("Who has looked at your records"))
    expect(
        reads.get_by_role(
            "row", name=re.compile(r"Hana Reid Your appraisal booklet \(downloaded as a PDF\)")
        )
    ).to_be_visible()
