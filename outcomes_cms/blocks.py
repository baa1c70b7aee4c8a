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
    """A plain ordered list of short statements (the plan's measures, the ways we support)."""
    return blocks.StreamBlock(
        [(item_name, blocks.CharBlock(max_length=255, help_text=help_text))], required=False
    )
