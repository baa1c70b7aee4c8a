"""Each answer option's emoji character becomes the key of the same picture in the vendored set.

An OpenMoji key is the emoji's code points in hex joined by '-' (with or without the variation
selector FE0F). The keys vendored when this was written are listed here, not imported, so the
migration means the same thing whatever the set becomes. An emoji with no picture in the set
is cleared (printed, so whoever migrates can pick one in the admin); so is any other text.
"""

from django.db import migrations

VENDORED = set(
    "1F31F 1F331 1F34E 1F3A8 1F3AE 1F3AF 1F3B5 1F3C1 1F3C6 1F3E0 1F3E5 1F3EB 1F422 1F44B 1F44D "
    "1F44E 1F44F 1F46A 1F4AC 1F4C8 1F4C9 1F4CD 1F4DA 1F4F1 1F600 1F604 1F60A 1F610 1F615 1F61F "
    "1F620 1F622 1F628 1F62E 1F634 1F641 1F642 1F680 1F68C 1F6B6 1F6CF 1F914 1F91D 1F929 "
    "1F9D1-200D-1F393 1F9D1-200D-1F3EB 1F9D1-200D-2695-FE0F 1FA7A 23F8 26BD 2705 270B 274C 2753 "
    "2764 2B50".split()
)


def key_for(emoji: str) -> str:
    full = "-".join(f"{ord(c):X}" for c in emoji.strip())
    bare = "-".join(f"{ord(c):X}" for c in emoji.strip() if c != "\ufe0f")
    return next((key for key in (full, bare) if key in VENDORED), "")


def emoji_to_keys(apps, schema_editor):
    ScaleOption = apps.get_model("surveys", "ScaleOption")
    for option in ScaleOption.objects.exclude(symbol_key=""):
        key = key_for(option.symbol_key)
        if not key:
            print(f"\n  '{option.label}': no picture in the set for {option.symbol_key!r}; cleared")
        ScaleOption.objects.filter(pk=option.pk).update(symbol_key=key)


def keys_to_emoji(apps, schema_editor):
    ScaleOption = apps.get_model("surveys", "ScaleOption")
    for option in ScaleOption.objects.exclude(symbol_key=""):
        emoji = "".join(chr(int(part, 16)) for part in option.symbol_key.split("-"))
        ScaleOption.objects.filter(pk=option.pk).update(symbol_key=emoji[:16])


class Migration(migrations.Migration):
    dependencies = [("surveys", "0006_symbols_from_the_set_and_video_captions")]

    operations = [migrations.RunPython(emoji_to_keys, keys_to_emoji)]
