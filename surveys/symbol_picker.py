"""The admin's symbol picker: a plain select (keyboard and screen readers know it) with a preview.

Each option carries its picture's address, and surveys/static/surveys/symbol_picker.js shows
the chosen one beside the list as it changes; without JavaScript the saved one is shown.
"""

from django import forms

from surveys import symbols


class SymbolPicker(forms.Select):
    template_name = "surveys/widgets/symbol_picker.html"

    class Media:
        js = ["surveys/symbol_picker.js"]
        css = {"all": ["surveys/symbol_picker.css"]}

    def __init__(self, attrs=None):
        super().__init__(attrs, choices=symbols.choices())

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if value:
            option["attrs"]["data-preview"] = symbols.static_url(value)
        return option

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["preview_url"] = symbols.static_url(value) if value in symbols.NAMES else ""
        return context
