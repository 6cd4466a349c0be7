"""What a refused stale edit says is saved now, in plain words (frontend/stale.py)."""

from datetime import date

from django import forms

from frontend import stale
from frontend.fields import DateField


class Answers(forms.Form):
    term = forms.ChoiceField(choices=[("short", "Short term"), ("long", "Longer term")])
    support = forms.MultipleChoiceField(
        choices=[("coach", "Coaching"), ("time", "Protected time")], required=False
    )
    target_date = DateField(label="Target date")
    shared = forms.BooleanField(required=False)
    notes = forms.CharField(required=False, widget=forms.Textarea)


POSTED = {
    "term": "short", "support": ["coach"], "shared": "on", "notes": "Mine\r\nline two",
    "target_date_0": "1", "target_date_1": "3", "target_date_2": "2026",
}  # fmt: skip


def test_each_saved_answer_is_said_in_plain_words_and_agreeing_ones_are_not_marked():
    form = Answers(POSTED)
    saved = {"term": "long", "support": ["coach", "time"], "target_date": date(2026, 3, 2),
             "shared": False, "notes": ""}  # fmt: skip
    assert stale.mark_changed(form, saved) == ["term", "support", "target_date", "shared", "notes"]
    said = {name: form.errors[name][0] for name in saved}
    assert said["term"].startswith("Saved now, different from your answer: “Longer term”.")
    assert "“Coaching, Protected time”" in said["support"]
    assert "“2 March 2026”" in said["target_date"]
    assert "“No”" in said["shared"]
    assert "answer: (blank)." in said["notes"]
    assert "Check the answers marked below" in form.non_field_errors()[0]

    # The same answers (a textarea's \r\n line endings aside) are not marked.
    same = {"term": "short", "support": ["coach"], "target_date": date(2026, 3, 1),
            "shared": True, "notes": "Mine\nline two"}  # fmt: skip
    form = Answers(POSTED)
    assert stale.mark_changed(form, same) == []
    assert list(form.errors) == ["__all__"]
