"""A question's video (MP4 or WebM, e.g. in BSL) and its captions (WebVTT).

Videos and captions are Wagtail documents, so officers upload and choose them as any other
file and they are served through Wagtail's view (privacy checked). Uploads are checked here by
their first bytes as well as their name (surveys/document_form.py), and a question may only
use a video as its video and a .vtt file as its captions, each with a message saying what to do.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

VIDEO_EXTENSIONS = {"mp4": "MP4", "webm": "WebM"}
CAPTION_EXTENSIONS = {"vtt"}


def _extension(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def is_video(document) -> bool:
    return _extension(document.filename) in VIDEO_EXTENSIONS


def is_captions(document) -> bool:
    return _extension(document.filename) in CAPTION_EXTENSIONS


def size_limit(name: str) -> int:
    """Videos may be bigger than other documents (SURVEY_VIDEO_MAX_UPLOAD_SIZE, 50 MB)."""
    if _extension(name) in VIDEO_EXTENSIONS:
        return settings.SURVEY_VIDEO_MAX_UPLOAD_SIZE
    return settings.DOCUMENT_MAX_UPLOAD_SIZE


def _looks_like(extension: str, head: bytes) -> bool:
    if extension == "mp4":
        return head[4:8] == b"ftyp"  # an ISO media file starts with its 'ftyp' box
    if extension == "webm":
        return head[:4] == b"\x1a\x45\xdf\xa3"  # the EBML header
    if extension == "vtt":
        return head.removeprefix(b"\xef\xbb\xbf")[:6] == b"WEBVTT"
    return True


def check_upload(uploaded) -> None:
    """A clear message for a file too big for its kind, or a video or captions file that is not."""
    name = uploaded.name or ""
    extension = _extension(name)
    limit = size_limit(name)
    if uploaded.size > limit:
        kind = "A video" if extension in VIDEO_EXTENSIONS else "A file"
        raise ValidationError(
            f"{kind} can be at most {filesizeformat(limit)}; this one is "
            f"{filesizeformat(uploaded.size)}. Make it shorter or smaller (for example a lower "
            "resolution), then upload it again."
        )
    uploaded.seek(0)
    head = uploaded.read(16)
    uploaded.seek(0)
    if not _looks_like(extension, head):
        if extension == "vtt":
            raise ValidationError(
                "This is not a WebVTT captions file: its first line must be WEBVTT. Save the "
                "captions as WebVTT (.vtt), then upload them again."
            )
        raise ValidationError(
            f"This file is named .{extension} but is not a {VIDEO_EXTENSIONS[extension]} video. "
            "Export the video as MP4 or WebM, then upload it again."
        )


def check_question_media(question) -> None:
    """The video must be a video and the captions a .vtt file; captions need a video."""
    errors = {}
    if question.video_id and not is_video(question.video):
        errors["video"] = (
            f"'{question.video.title}' is not a video. Choose or upload an MP4 or WebM file."
        )
    if question.captions_id:
        if not is_captions(question.captions):
            errors["captions"] = (
                f"'{question.captions.title}' is not a captions file. Choose or upload a "
                "WebVTT file (.vtt)."
            )
        elif not question.video_id:
            errors["captions"] = "Captions go with a video: choose the video too, or remove them."
    if errors:
        raise ValidationError(errors)
