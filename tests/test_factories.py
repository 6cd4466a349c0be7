"""Every Trellis model has a factory, and each factory builds a valid row."""

import importlib

import pytest
from django.apps import apps

FACTORY_MODULES = [
    "tests.factories",
    "tests.factories_careers",
    "tests.factories_learning",
    "tests.factories_appraisals",
    "tests.factories_your_data",
    "tests.factories_privacy_erasure",
]
APPS = ["people", "careers", "learning", "appraisals", "privacy"]


def factories():
    found = {}
    for name in FACTORY_MODULES:
        module = importlib.import_module(name)
        for value in vars(module).values():
            model = getattr(getattr(value, "_meta", None), "model", None)
            if isinstance(value, type) and model is not None and value.__module__ == name:
                found.setdefault(model, value)
    return found


def our_models():
    return [
        model
        for app in APPS
        for model in apps.get_app_config(app).get_models()
        if not model.__name__.startswith("Historical")
    ]


def test_every_model_has_a_factory():
    missing = [m.__name__ for m in our_models() if m not in factories()]
    assert missing == []


@pytest.mark.django_db
@pytest.mark.parametrize("model", our_models(), ids=lambda m: m.__name__)
def test_each_factory_makes_a_valid_row(model):
    instance = factories()[model]()
    instance.full_clean()
    assert model.objects.filter(pk=instance.pk).exists()
