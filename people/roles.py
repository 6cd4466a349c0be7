"""The roles a person can hold. Everyone is staff; the rest are derived or granted.

- line manager: anyone with at least one active direct report;
- LED and HR: membership of the Django groups named here (HR is further
  scoped to organisation units by `HRScope`);
- administrator: `is_staff`, which opens the Django admin.
"""

from enum import StrEnum


class Role(StrEnum):
    STAFF = "staff"
    LINE_MANAGER = "line_manager"
    LED = "led"
    HR = "hr"
    ADMINISTRATOR = "administrator"


LED_GROUP = "LED"
HR_GROUP = "HR"
GROUP_ROLES = {LED_GROUP: Role.LED, HR_GROUP: Role.HR}
