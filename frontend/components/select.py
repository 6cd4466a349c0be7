"""The select (drop-down) component."""

from frontend.components.base import simple

select = simple("nhsuk-select", "nhsuk-select--error")
