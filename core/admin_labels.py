"""
Accessible names for admin inputs that Django leaves unnamed: the date and the time of a
split date-time field (labelled only as a pair), and the inputs of a tabular inline (whose
column headers are not labels), so screen readers announce what each input is for.
"""

from django.contrib import admin
from django.contrib.admin import widgets


class NamedAutocompleteSelect(widgets.AutocompleteSelect):
    """
    An autocomplete that shows what to choose while nothing is chosen: select2 names its
    box by the text shown in it, which Django leaves blank until a choice is made.
    """

    def __init__(self, field, admin_site, placeholder, **kwargs):
        super().__init__(field, admin_site, **kwargs)
        self.placeholder = placeholder

    def build_attrs(self, base_attrs, extra_attrs=None):
        attrs = super().build_attrs(base_attrs, extra_attrs=extra_attrs)
        attrs["data-placeholder"] = self.placeholder
        return attrs


class NamedInputsMixin:
    """A ModelAdmin or inline that names the date and time inputs of its date-time fields
    and the box of each autocomplete, and, with `name_every_input`, every input after its
    field's label."""

    name_every_input = False

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request) and "widget" not in kwargs:
            kwargs["widget"] = NamedAutocompleteSelect(
                db_field,
                self.admin_site,
                placeholder=f"Choose a {db_field.verbose_name}",
                using=kwargs.get("using"),
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if formfield is None:
            return None
        label = str(formfield.label)
        if isinstance(formfield.widget, widgets.AdminSplitDateTime):
            date, time = formfield.widget.widgets
            date.attrs.setdefault("aria-label", f"{label}: date")
            time.attrs.setdefault("aria-label", f"{label}: time")
        elif self.name_every_input:
            # A related field's wrapper shares its widget's attributes.
            formfield.widget.attrs.setdefault("aria-label", label)
        return formfield


class NamedTabularInline(NamedInputsMixin, admin.TabularInline):
    """A tabular inline whose every input is named after its column, the row's delete
    box included."""

    name_every_input = True

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)

        class NamedFormSet(formset):
            def add_fields(self, form, index):
                super().add_fields(form, index)
                if "DELETE" in form.fields:
                    form.fields["DELETE"].widget.attrs.setdefault("aria-label", "Delete this row")

        NamedFormSet.__name__ = formset.__name__
        return NamedFormSet
