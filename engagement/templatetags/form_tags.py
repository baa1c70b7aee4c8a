from django import template

register = template.Library()


@register.filter
def described_widget(field):
    """The field's widget, pointing at its hint and its error message for screen readers."""
    ids = []
    if field.help_text:
        ids.append(f"{field.auto_id}-hint")
    if field.errors:
        ids.append(f"{field.auto_id}-error")
    attrs = {"aria-describedby": " ".join(ids)} if ids else {}
    if field.errors:
        attrs["aria-invalid"] = "true"
    return field.as_widget(attrs=attrs)


@register.filter
def input_type(field) -> str:
    return getattr(field.field.widget, "input_type", "") or field.field.widget.__class__.__name__
