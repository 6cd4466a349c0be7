"""CSV and XLSX import and export of the catalogue (django-import-export).

An import is all or nothing: the file is checked in full first (a dry run in a
transaction that is rolled back), and only a file without a single problem is
written. Every problem names the line of the file, the column and what is wrong.
New rows arrive as drafts; a row with the `id` of an existing initiative updates
it and keeps its status. Status changes only through publish and retire. A cell that
frontend.exports quoted (so no spreadsheet runs it as a formula) is read without the
quote, so an export imports again unchanged.
"""

import csv
import io
from dataclasses import dataclass

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from import_export import fields, resources, widgets
from tablib import Dataset

from frontend import exports
from frontend.errors import reword_model_errors
from frontend.parse import whole_number

from . import spreadsheets
from .models import GrowthDirection, ImpactLevel, Initiative, LearningCategory

MAX_ROWS = 5000
REQUIRED_COLUMNS = ("title", "summary", "category", "format")


class SlugWidget(widgets.ForeignKeyWidget):
    """A vocabulary term by its slug, with a clear message when there is no such term."""

    def clean(self, value, row=None, **kwargs):
        value = (value or "").strip()
        if not value:
            return None
        found = self.get_queryset(value, row).filter(slug=value).first()
        if found is None:
            known = ", ".join(self.get_queryset(value, row).values_list("slug", flat=True))
            raise ValueError(f"'{value}' is not a known category. Use one of: {known}")
        return found


class SlugsWidget(widgets.ManyToManyWidget):
    """Several vocabulary terms by slug, separated by '|'; an unknown one is an error."""

    def __init__(self, model, what):
        super().__init__(model, separator="|", field="slug")
        self.what = what

    def clean(self, value, row=None, **kwargs):
        slugs = [s.strip() for s in str(value or "").split(self.separator) if s.strip()]
        found = {term.slug: term for term in self.model.objects.filter(slug__in=slugs)}
        unknown = [s for s in slugs if s not in found]
        if unknown:
            known = ", ".join(self.model.objects.values_list("slug", flat=True))
            raise ValueError(
                f"'{', '.join(unknown)}' is not a known {self.what}. Use one of: {known}"
            )
        return [found[s] for s in slugs]


class ChoiceWidget(widgets.CharWidget):
    """A value of a model field's choices, checked here so the message names them."""

    def __init__(self, choices):
        super().__init__()
        self.choices = dict(choices)

    def clean(self, value, row=None, **kwargs):
        value = (value or "").strip()
        if value and value not in self.choices:
            raise ValueError(f"'{value}' is not allowed. Use one of: {', '.join(self.choices)}")
        return value


class YesNoWidget(widgets.BooleanWidget):
    def clean(self, value, row=None, **kwargs):
        text = str(value or "").strip().lower()
        if text in ("", "no", "false", "0", "n"):
            return False
        if text in ("yes", "true", "1", "y"):
            return True
        raise ValueError("Enter yes or no")

    def render(self, value, obj=None, **kwargs):
        return "yes" if value else "no"


class MoneyWidget(widgets.DecimalWidget):
    def clean(self, value, row=None, **kwargs):
        text = str(value or "").strip().lstrip("£")
        if not text:
            return None
        try:
            return super().clean(text, row, **kwargs)
        except (ValueError, ArithmeticError):
            raise ValueError("Enter the cost as a number, like 150 or 99.50") from None


class InitiativeResource(resources.ModelResource):
    category = fields.Field(
        attribute="category",
        column_name="category",
        widget=SlugWidget(LearningCategory, field="slug"),
    )
    directions = fields.Field(
        attribute="directions",
        column_name="directions",
        widget=SlugsWidget(GrowthDirection, "growth direction"),
    )
    levels = fields.Field(
        attribute="levels", column_name="levels", widget=SlugsWidget(ImpactLevel, "career level")
    )
    format = fields.Field(
        attribute="format", column_name="format", widget=ChoiceWidget(Initiative.Format.choices)
    )
    cost_type = fields.Field(
        attribute="cost_type",
        column_name="cost_type",
        widget=ChoiceWidget(Initiative.Cost.choices),
    )
    cost_amount = fields.Field(
        attribute="cost_amount", column_name="cost_amount", widget=MoneyWidget()
    )
    online = fields.Field(attribute="online", column_name="online", widget=YesNoWidget())
    status = fields.Field(attribute="status", column_name="status", readonly=True)

    class Meta:
        model = Initiative
        fields = (
            "id",
            "title",
            "summary",
            "description",
            "category",
            "directions",
            "levels",
            "format",
            "provider",
            "duration",
            "cost_type",
            "cost_amount",
            "location",
            "online",
            "url",
            "pay_bands",
            "professions",
            "learning_outcomes",
            "tags",
            "status",
        )
        export_order = fields
        import_id_fields = ("id",)
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True

    def __init__(self, by=None):
        super().__init__()
        self.by = by

    def get_instance(self, instance_loader, row):
        wanted = whole_number(row.get("id"))
        if wanted is None:
            return None  # a new initiative, or a wrong id that import_instance reports
        return Initiative.objects.filter(pk=wanted).first()

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        wanted = str(row.get("id") or "").strip()
        if wanted and instance._state.adding:
            errors["id"] = [
                f"No initiative has the id '{wanted}'. Leave id empty to add a new initiative"
            ]
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        for field in self.get_import_fields():
            if isinstance(field.widget, widgets.ManyToManyWidget) and field.column_name in row:
                try:
                    field.clean(row)
                except ValueError as error:
                    errors[field.attribute] = [str(error)]
        if errors:
            raise ValidationError(reword_model_errors(Initiative, errors))

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        # The model's own checks run here (full_clean): worded as in forms.
        try:
            super().validate_instance(instance, import_validation_errors, validate_unique)
        except ValidationError as error:
            raise ValidationError(reword_model_errors(Initiative, error.error_dict)) from None

    def before_save_instance(self, instance, row, **kwargs):
        if instance.pk:
            instance.version += 1
        else:
            instance.status = Initiative.Status.DRAFT
            instance.owner = self.by
        instance._history_user = self.by


ROW_UNREADABLE = (
    "This row could not be read. Check that ids and numbers are written as numbers, "
    "like 12 or 1.5, and dates as dates, like 31/03/2027"
)


@dataclass
class Problem:
    line: int  # the line (CSV) or row (XLSX) of the file, the header's being 1
    column: str
    message: str
    title: str = ""


@dataclass
class ImportOutcome:
    problems: list
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    unit: str = "Line"  # what the report calls a place in the file: Line (CSV), Row (XLSX)

    @property
    def ok(self):
        return not self.problems


def _column_label(field_name):
    return "row" if field_name == NON_FIELD_ERRORS else field_name


def read_csv(text):
    """The file as (Dataset, line numbers), or (None, Problems saying why it cannot be
    read)."""
    try:
        text = text.removeprefix(exports.BOM)  # as our export and Excel write it
        rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    except csv.Error as error:
        return None, [Problem(0, "file", f"The file is not a valid CSV ({error})")]
    return _dataset(rows)


def read_xlsx(raw):
    """The first worksheet of an XLSX workbook, as read_csv reads a CSV file."""
    try:
        rows = spreadsheets.read_rows(raw, max_rows=MAX_ROWS + 1 + BLANK_ROWS_ALLOWED)
    except spreadsheets.TooManyRows:
        return None, [Problem(0, "file", TOO_MANY_ROWS + ", or delete the empty rows below")]
    except spreadsheets.Unreadable as error:
        return None, [Problem(0, "file", str(error))]
    return _dataset(rows, pad=True)


BLANK_ROWS_ALLOWED = 1000
TOO_MANY_ROWS = f"The file has more than {MAX_ROWS:,} rows: split it into smaller files"


def _dataset(rows, *, pad=False):
    """Rows of text cells (blank rows included) as ((Dataset, line numbers), [])
    or (None, problems). A row's line number is its index in `rows` + 1. With `pad`,
    a row shorter than the header has empty cells at its end (a worksheet's rows
    stop at their last value); without, it is a problem (a CSV row lost a comma)."""
    numbered = [
        (number, row)
        for number, row in enumerate(rows, start=1)
        if any(cell.strip() for cell in row)
    ]
    if not numbered:
        return None, [Problem(0, "file", "The file has no rows")]
    header_line, header = numbered[0]
    header = [name.strip().lower() for name in header]
    body = numbered[1:]
    problems = []
    missing = [name for name in REQUIRED_COLUMNS if name not in header]
    if missing:
        problems.append(
            Problem(header_line, "header", f"Add the missing columns: {', '.join(missing)}")
        )
    known = set(InitiativeResource._meta.fields)
    unknown = [name for name in header if name and name not in known]
    if unknown:
        problems.append(
            Problem(
                header_line,
                "header",
                f"Remove or rename the unknown columns: {', '.join(unknown)}",
            )
        )
    if len(set(header)) != len(header):
        problems.append(Problem(header_line, "header", "Each column must appear only once"))
    if len(body) > MAX_ROWS:
        problems.append(Problem(0, "file", TOO_MANY_ROWS))
    if not body:
        problems.append(Problem(0, "file", "The file has a header but no initiatives"))
    cells = []
    for number, row in body:
        row = [exports.restore(cell) for cell in row]  # a cell our own export quoted
        if pad and len(row) < len(header):
            row = row + [""] * (len(header) - len(row))  # a worksheet's empty end cells
        if len(row) != len(header):
            problems.append(
                Problem(
                    number,
                    "row",
                    f"The row has {len(row)} values but the header has {len(header)} columns",
                )
            )
        cells.append(row)
    if problems:
        return None, problems
    has_id = "id" in header
    dataset = Dataset(headers=header if has_id else ["id", *header])
    for row in cells:
        dataset.append(row if has_id else ["", *row])
    return (dataset, [number for number, _ in body]), []


def _problems(result, dataset, lines):
    problems = []
    titles = dataset["title"] if "title" in dataset.headers else []
    for invalid in result.invalid_rows:
        index = invalid.number - 1
        title = titles[index] if index < len(titles) else ""
        for field_name, messages in invalid.error_dict.items():
            for message in messages:
                column = _column_label(field_name)
                problems.append(Problem(lines[index], column, message, title))
    for number, errors in result.row_errors():
        for _ in errors:
            # What the reader raised names Python's types, not the cell: say what to check.
            problems.append(Problem(lines[number - 1], "row", ROW_UNREADABLE))
    for error in result.base_errors:
        problems.append(Problem(0, "file", f"The file could not be imported: {error.error}"))
    return sorted(problems, key=lambda p: (p.line, p.column))


def import_csv(*, text, by):
    """Check the whole CSV file, and import it only if every row is right."""
    read, problems = read_csv(text)
    return _import(read, problems, by, unit="Line")


def import_xlsx(*, raw, by):
    """Check the first worksheet of an XLSX workbook, and import it only if every row
    is right."""
    read, problems = read_xlsx(raw)
    return _import(read, problems, by, unit="Row")


def import_file(*, upload, by):
    """`upload` as ImportForm cleans it: ("csv", text) or ("xlsx", bytes)."""
    kind, content = upload
    if kind == "xlsx":
        return import_xlsx(raw=content, by=by)
    return import_csv(text=content, by=by)


def _import(read, problems, by, *, unit):
    if problems:
        return ImportOutcome(problems, unit=unit)
    dataset, lines = read
    resource = InitiativeResource(by=by)
    with transaction.atomic():
        check = resource.import_data(dataset, dry_run=True, use_transactions=True)
    problems = _problems(check, dataset, lines)
    if problems:
        return ImportOutcome(problems, unit=unit)
    with transaction.atomic():
        result = InitiativeResource(by=by).import_data(
            dataset, dry_run=False, use_transactions=True, raise_errors=True
        )
    totals = result.totals
    return ImportOutcome(
        [],
        created=totals["new"],
        updated=totals["update"],
        unchanged=totals["skip"],
        unit=unit,
    )
