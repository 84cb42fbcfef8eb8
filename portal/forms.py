"""Every form of the portal renders in GOV.UK Frontend's markup (FORM_RENDERER).

The field template (templates/django/forms/field.html) puts the label, the hint and the
errors before the control, as GOV.UK Frontend does; this bound field gives each control its
design-system class and its error state (Django ties the hint and the error to it).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms.boundfield import BoundField
from django.forms.renderers import TemplatesSetting

# Control classes by widget type; radios and checkboxes get whole templates instead.
CONTROL_CLASSES = {
    "textarea": "govuk-textarea",
    "select": "govuk-select",
    "listedselect": "govuk-select",  # core.widgets: the same select, written faster
    "selectmultiple": "govuk-select",
    "clearablefile": "govuk-file-upload",
    "file": "govuk-file-upload",
    "checkbox": "govuk-checkboxes__input",
}
CHOICE_TEMPLATES = {
    "radioselect": ("forms/widgets/radios.html", "govuk-radios"),
    "checkboxselectmultiple": ("forms/widgets/checkboxes.html", "govuk-checkboxes"),
}


class GovukBoundField(BoundField):
    def build_widget_attrs(self, attrs: dict[str, Any], widget: Any = None) -> dict[str, Any]:
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        kind = self.widget_type
        if kind in CHOICE_TEMPLATES:
            widget.template_name = CHOICE_TEMPLATES[kind][0]
        elif not isinstance(widget, forms.HiddenInput):
            base = CONTROL_CLASSES.get(kind, "govuk-input")
            error = f" {base}--error" if self.errors and kind != "checkbox" else ""
            own = widget.attrs.get("class")
            attrs["class"] = " ".join(c for c in (base + error, own) if c)
        return attrs

    @property
    def choice_class(self) -> str:
        """govuk-radios or govuk-checkboxes for a group of options; empty otherwise."""
        return CHOICE_TEMPLATES.get(self.widget_type, ("", ""))[1]


class GovukRenderer(TemplatesSetting):
    bound_field_class = GovukBoundField
