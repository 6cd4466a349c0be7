"""Loading the shipped question bank from the data file kept in the project."""

import json
from pathlib import Path

from django.utils import timezone

DATA_FILE = Path(__file__).resolve().parent / "data" / "question_bank_v1.json"


def read_bank_file(path=DATA_FILE):
    return json.loads(Path(path).read_text())


def load_bank(data, *, bank_model, section_model, question_model):
    """Create one published bank version from `data`; the models are passed in so
    a data migration can use its historical models."""
    bank, created = bank_model.objects.get_or_create(
        version=data["version"],
        defaults={"notes": data.get("notes", ""), "published_at": timezone.now()},
    )
    if not created:
        return bank
    for order, section_data in enumerate(data["sections"], start=1):
        section = section_model.objects.create(
            bank=bank,
            key=section_data["key"],
            stage=section_data["stage"],
            title=section_data["title"],
            intro=section_data.get("intro", ""),
            sensitive=section_data.get("sensitive", False),
            order=order,
        )
        question_model.objects.bulk_create(
            question_model(
                section=section,
                order=number,
                key=q["key"],
                text=q["text"],
                hint=q.get("hint", ""),
                kind=q.get("kind", "text"),
                choices=q.get("choices", []),
                follow_ups=q.get("follow_ups", []),
                marks_adjustments=q.get("marks_adjustments", False),
            )
            for number, q in enumerate(section_data["questions"], start=1)
        )
    return bank


def copy_as_draft(bank, *, bank_model, section_model, question_model):
    """A new, unpublished version with the same sections and questions, to edit.

    Questions are copied as new rows: rewording the copy never touches the
    questions (and answers) of journals started on `bank`.
    """
    latest = bank_model.objects.order_by("-version").values_list("version", flat=True).first()
    draft = bank_model.objects.create(version=latest + 1, notes=f"Copied from {bank.version}")
    for section in bank.sections.all():
        questions = list(section.questions.filter(retired=False))
        section.pk, section.bank = None, draft
        section.save()
        for question in questions:
            question.pk, question.section = None, section
        question_model.objects.bulk_create(questions)
    return draft
