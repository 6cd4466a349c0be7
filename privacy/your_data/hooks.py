"""The worker's periodic clean-up of expired copies (registered by privacy/apps.py),
through the same hook HR's booklet exports use (run_worker's every_few_minutes)."""


def clean_up():
    from .archive import clean_up

    return clean_up()


def register():
    from frontend.management.commands.run_worker import every_few_minutes

    every_few_minutes(clean_up)
