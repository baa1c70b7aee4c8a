from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock


class SpotlightBlock(blocks.StructBlock):
    """A plan-on-a-page spotlight: one thing the partnership watches closely, and why."""

    title = blocks.CharBlock(max_length=120, help_text="For example: Children are in school")
    measure = blocks.CharBlock(max_length=255, help_text="What is counted, e.g. attendance")
    why = blocks.TextBlock(help_text="Why this matters, in plain words")

    class Meta:
        icon = "pick"
        template = "outcomes_cms/blocks/spotlight.html"


class ImageWithAltBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(
        required=False,
        help_text="Describe the picture for people who cannot see it. Leave empty if decorative.",
    )
    caption = blocks.CharBlock(required=False)

    class Meta:
        icon = "image"
        template = "outcomes_cms/blocks/image.html"


class StandardBodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(
        form_classname="title", icon="title", template="outcomes_cms/blocks/heading.html"
    )
    paragraph = blocks.RichTextBlock(features=["bold", "italic", "link", "ol", "ul"])
    image = ImageWithAltBlock()


def short_text_list(item_name: str, help_text: str) -> blocks.StreamBlock:
    """A plain ordered list of short statements (the plan's measures, the ways we support).

    Wagtail shows a stream item's label in the item's header, not as a <label> for its box, so
    a plain CharBlock item would be an unnamed text box (axe "label", critical): aria-label
    names it. Set on the widget, not by a subclass, so the block's definition (and its
    migrations) stay as they are.
    """
    item = blocks.CharBlock(max_length=255, help_text=help_text)
    item.field.widget.attrs["aria-label"] = item_name.replace("_", " ").capitalize()
    return blocks.StreamBlock([(item_name, item)], required=False)
