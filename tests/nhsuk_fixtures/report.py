"""Print the fixture table: ``python -m tests.nhsuk_fixtures.report [--list]``."""

import os
import sys

import django


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    from tests.nhsuk_fixtures import all_fixtures, judge, table

    verdicts = [judge(fixture) for fixture in all_fixtures()]
    print(table(verdicts))
    if "--list" in sys.argv:
        for v in verdicts:
            if v.outcome != "identical":
                print(f"{v.fixture.key}: {v.outcome} {'; '.join(v.reasons)}")


if __name__ == "__main__":
    main()
