"""The shapes of a question's choices and follow-ups, checked and shown.

A question keeps both as JSON (careers/journal/models.py, `Question`). The journal reads a
choice question's `choices` as [value, label] pairs (Django's choices, stored against the
answer's `choice`, at most CHOICE_VALUE_MAX_LENGTH characters) and a scale question's
`follow_ups` as the labels of its follow-up answers (careers/journal/forms.py). Seed 001
gives each kind its parts: a 0 to 10 scale with three follow-ups, a choice of answers with
room to say more.
"""

import json

CHOICE_VALUE_MAX_LENGTH = 40  # the answer's `choice` column
EXAMPLE = '[["yes", "Yes"], ["no", "No"]]'


def _is_text(value):
    return isinstance(value, str) and value.strip() != ""


def _is_pair(choice):
    return isinstance(choice, list | tuple) and len(choice) == 2 and all(map(_is_text, choice))


def question_errors(question):
    """{field name: plain message} of what is wrong with `question`'s choices and
    follow-ups for its kind ("text", "scale" or "choice"); empty when nothing is."""
    errors = {}
    choices, follow_ups, kind = question.choices, question.follow_ups, question.kind
    if kind == "choice":
        if not isinstance(choices, list) or not all(map(_is_pair, choices)):
            errors["choices"] = (
                f"Enter the choices as a list of [value, label] pairs, like {EXAMPLE}"
            )
        elif len(choices) < 2:
            errors["choices"] = "Enter at least two choices"
        elif len({value for value, _ in choices}) < len(choices):
            errors["choices"] = "Give each choice a different value"
        elif any(len(value) > CHOICE_VALUE_MAX_LENGTH for value, _ in choices):
            errors["choices"] = (
                f"Choice values must be {CHOICE_VALUE_MAX_LENGTH} characters or fewer"
            )
    elif choices not in ([], None):
        errors["choices"] = "Only a choice question has choices: leave this as []"
    if kind == "scale":
        if not isinstance(follow_ups, list) or not all(map(_is_text, follow_ups)):
            errors["follow_ups"] = (
                'Enter the follow-ups as a list of labels, like ["First thing", "Second thing"]'
            )
    elif follow_ups not in ([], None):
        errors["follow_ups"] = "Only a scale question has follow-ups: leave this as []"
    return errors


def choice_lines(choices):
    """Each of `choices` as a line to show: "label (value)" for a [value, label] pair;
    anything else as its JSON, so nothing stored is hidden."""
    if not isinstance(choices, list):
        return [] if choices in (None, "") else [json.dumps(choices)]
    return [
        f"{choice[1]} ({choice[0]})" if _is_pair(choice) else json.dumps(choice)
        for choice in choices
    ]


def follow_up_lines(follow_ups):
    """Each of `follow_ups` as a line to show: a label as it is, anything else as JSON."""
    if not isinstance(follow_ups, list):
        return [] if follow_ups in (None, "") else [json.dumps(follow_ups)]
    return [each if isinstance(each, str) else json.dumps(each) for each in follow_ups]


def question_rows(questions):
    """Each of `questions` (an iterable of Question) as a row of the published bank's
    table in the admin: a dict of its `question` with its `choices` and `follow_ups`
    as lines to show (choice_lines, follow_up_lines)."""
    return [
        {
            "question": question,
            "choices": choice_lines(question.choices),
            "follow_ups": follow_up_lines(question.follow_ups),
        }
        for question in questions
    ]
