"""Ship version 1 of the reflection-journal question bank (careers/journal/data/)."""

from django.db import migrations


def load(apps, schema_editor):
    from careers.journal.question_bank import load_bank, read_bank_file

    load_bank(
        read_bank_file(),
        bank_model=apps.get_model("careers", "QuestionBank"),
        section_model=apps.get_model("careers", "JournalSection"),
        question_model=apps.get_model("careers", "Question"),
    )


def unload(apps, schema_editor):
    bank = apps.get_model("careers", "QuestionBank").objects.filter(version=1).first()
    if bank and not bank.journals.exists():
        apps.get_model("careers", "Question").objects.filter(section__bank=bank).delete()
        bank.sections.all().delete()
        bank.delete()


class Migration(migrations.Migration):
    dependencies = [("careers", "0001_journal")]

    operations = [migrations.RunPython(load, unload)]
