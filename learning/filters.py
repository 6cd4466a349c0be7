"""The catalogue's search box and filters (django-filter), with a count for each choice."""

import django_filters
from django import forms
from django.db.models import Count, Exists, OuterRef

from frontend import forms as plain

from . import search
from .models import GrowthDirection, ImpactLevel, Initiative, LearningCategory

ONLINE_CHOICES = [("yes", "Available online"), ("no", "In person only")]


class CatalogueFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="Search the catalogue",
        method="filter_search",
        max_length=search.MAX_QUERY_LENGTH,
    )
    category = django_filters.ModelMultipleChoiceFilter(
        label="70/20/10 category",
        field_name="category__slug",
        to_field_name="slug",
        distinct=False,
        queryset=LearningCategory.objects.all(),
        widget=forms.CheckboxSelectMultiple,
    )
    direction = django_filters.ModelMultipleChoiceFilter(
        label="Growth direction",
        to_field_name="slug",
        method="filter_directions",
        queryset=GrowthDirection.objects.all(),
        widget=forms.CheckboxSelectMultiple,
    )
    level = django_filters.ModelMultipleChoiceFilter(
        label="Career level",
        to_field_name="slug",
        method="filter_levels",
        queryset=ImpactLevel.objects.all(),
        widget=forms.CheckboxSelectMultiple,
    )
    format = django_filters.MultipleChoiceFilter(
        label="Format",
        field_name="format",
        choices=Initiative.Format.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    cost = django_filters.MultipleChoiceFilter(
        label="Cost",
        field_name="cost_type",
        choices=Initiative.Cost.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    online = django_filters.ChoiceFilter(
        label="Online or in person",
        choices=ONLINE_CHOICES,
        method="filter_online",
        empty_label="Either",
        widget=forms.RadioSelect,
    )

    # Facet name -> the value each initiative is counted under.
    FACETS = {
        "category": "category__slug",
        "direction": "directions__slug",
        "level": "levels__slug",
        "format": "format",
        "cost": "cost_type",
        "online": "online",
    }

    class Meta:
        model = Initiative
        fields = []
        form = plain.Form

    def __init__(self, *args, rank=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.rank = rank
        self.counts = None  # each choice's count, once label_with_counts gives them

    @property
    def form(self):
        """django-filter's form, built when first read, with Trellis's error messages
        and widget classes and, once label_with_counts has given them, each choice's
        count in its label. A catalogue page whose filter form comes drawn from the
        cache (learning.browse) reads no form unless the query has errors to show:
        building it cost the page about 0.3 ms."""
        if hasattr(self, "_form"):
            return self._form
        form = super().form
        messages = {
            "invalid_choice": "Select a choice from the list",
            "invalid_pk_value": "Select a choice from the list",
            "invalid_list": "Select a choice from the list",
        }
        for field in form.fields.values():
            field.error_messages.update(messages)
            if isinstance(field.widget, forms.CheckboxSelectMultiple):
                field.widget.attrs["class"] = "nhsuk-checkboxes--small"
            elif isinstance(field.widget, forms.RadioSelect):
                field.widget.attrs["class"] = "nhsuk-radios--small"
        form.fields["q"].error_messages["max_length"] = (
            f"Search words must be {search.MAX_QUERY_LENGTH} characters or fewer"
        )
        if self.counts is not None:
            _label(self, form.fields, self.counts)
        return form

    def filter_search(self, queryset, name, value):
        if not self.rank:
            return search.search(queryset, value).order_by()
        return search.search(queryset, value)

    def filter_directions(self, queryset, name, value):
        return _tagged(queryset, Initiative.directions.through, "growthdirection", value)

    def filter_levels(self, queryset, name, value):
        return _tagged(queryset, Initiative.levels.through, "impactlevel", value)

    def filter_online(self, queryset, name, value):
        return queryset.filter(online=value == "yes")

    @property
    def searching(self):
        return bool(self.is_bound and self.form.is_valid() and self.form.cleaned_data.get("q"))


def _tagged(queryset, through, term, chosen):
    """Initiatives tagged with any of `chosen` (an EXISTS, so no duplicate rows)."""
    if not chosen:
        return queryset
    links = through.objects.filter(initiative=OuterRef("pk"), **{f"{term}__in": chosen})
    return queryset.filter(Exists(links))


def _filtered_except(filterset, facet):
    """The filterset's queryset with every valid filter but `facet`'s, unranked."""
    queryset = filterset.queryset.all()
    if not filterset.is_bound:
        return queryset
    filterset.form.is_valid()
    rank, filterset.rank = filterset.rank, False
    try:
        for name, value in filterset.form.cleaned_data.items():
            if name != facet:
                queryset = filterset.filters[name].filter(queryset, value)
    finally:
        filterset.rank = rank
    return queryset


def facet_counts(filterset):
    """For each facet, how many initiatives each choice would show, with every other
    filter applied: one grouped query a facet, whatever the size of the catalogue."""
    counts = {}
    for facet, key in CatalogueFilter.FACETS.items():
        rest = _filtered_except(filterset, facet)
        # The filters use EXISTS, not joins: each (initiative, value) pair occurs once.
        rows = rest.order_by().values(key).annotate(n=Count("pk"))
        found = {row[key]: row["n"] for row in rows}
        if facet == "online":
            found = {"yes": found.get(True, 0), "no": found.get(False, 0)}
        counts[facet] = found
    return counts


def label_with_counts(filterset, counts):
    """Put each choice's count in its label: 'Depth (17)'. In: a CatalogueFilter and
    facet_counts' dict. The labels are set on the form now if it is built, else when
    it is (CatalogueFilter.form)."""
    filterset.counts = counts
    if hasattr(filterset, "_form"):
        _label(filterset, filterset.form.fields, counts)


def _label(filterset, fields, counts):
    for facet in ("category", "direction", "level"):
        field = fields[facet]
        found = counts[facet]
        field.label_from_instance = lambda term, found=found: (
            f"{term.name} ({found.get(term.slug, 0)})"
        )
    for facet, choices in (
        ("format", Initiative.Format.choices),
        ("cost", Initiative.Cost.choices),
        ("online", ONLINE_CHOICES),
    ):
        found = counts[facet]
        labelled = [(value, f"{label} ({found.get(value, 0)})") for value, label in choices]
        if facet == "format":
            # Formats with nothing to show are noise, unless one is already chosen.
            chosen = set(filterset.data.getlist(facet)) if filterset.is_bound else set()
            labelled = [
                (value, label)
                for (value, label) in labelled
                if found.get(value, 0) or value in chosen
            ]
        fields[facet].choices = labelled
