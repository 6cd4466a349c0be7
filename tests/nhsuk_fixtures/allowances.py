"""Building blocks for allow-listed differences (see tests.nhsuk_fixtures.Allowance)."""

from tests.nhsuk_fixtures import Allowance, walk


def drop_attribute(attribute, name, reason, element=None):
    """An Allowance that removes ``attribute`` (from ``element`` tags only, if given)."""

    def strip(tree):
        for el in walk(tree):
            if element is None or el.name == element:
                el.attributes = [(k, v) for k, v in el.attributes if k != attribute]

    return Allowance(name, reason, strip)
