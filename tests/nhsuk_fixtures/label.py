"""Translator for nhsuk-frontend's label fixtures (see tests/nhsuk_fixtures).

A label fixture is the label alone; the pack renders a label as part of a field, so the
field is built and its label (with any heading wrapper and caption) is compared.
"""

import re

from django import forms

from tests.nhsuk_fixtures import NotApplicable
from tests.nhsuk_fixtures.common import render_field

ALLOWED = []


def label_options(ctx):
    """(label text, NHS.UK options) from the label macro's options."""
    heading = ctx.get("heading")
    has_heading = bool(ctx.get("isPageHeading") and heading is not False) or bool(
        ctx.get("isPageHeading") is not False and heading
    )
    if isinstance(heading, str):
        heading = {"text": heading}
    heading = heading if isinstance(heading, dict) else {}
    if has_heading:
        text = heading.get("text") or heading.get("html") or ctx.get("text") or ctx.get("html")
        size = heading.get("size") or ctx.get("size")
    else:
        text = ctx.get("text") or ctx.get("html") or heading.get("text")
        size = ctx.get("size")
    classes = ctx.get("classes", "")
    class_size = re.search(r"nhsuk-label--(s|m|l|xl)\b", classes)
    if class_size:
        size = class_size.group(1)
    options = {}
    if size:
        options["label_size"] = size
    if has_heading:
        options["heading"] = heading.get("level") or True
    caption = ctx.get("caption")
    if caption:
        if isinstance(caption, str):
            caption = {"text": caption}
        options["caption"] = caption["text"]
        options["caption_placement"] = caption.get("placement") or "start"
    return text, options


def build(fixture):
    ctx = fixture.context
    if isinstance(ctx.get("heading"), dict) and ctx["heading"].get("id"):
        raise NotApplicable("an id on the heading around a label: the pack gives ids to fields")
    text, options = label_options(ctx)
    if ctx.get("id"):
        options["label_id"] = ctx["id"]
    if text is None:
        # "via call block": the text comes from a Nunjucks caller, the nearest a Django
        # field has is its label, which the fixture's own HTML gives.
        text = "What is your full name?"
    html = render_field(forms.CharField(label=text, required=False), "example", options=options)
    # Only the label is compared: drop the form group and the input.
    html = re.sub(r'^\s*<div class="nhsuk-form-group">', "", html)
    html = re.sub(r"<input[^>]*>\s*</div>\s*$", "", html.strip())
    # The fixture's label has no for= (a label alone); ours points at the input.
    return re.sub(r' for="example"', "", html)
