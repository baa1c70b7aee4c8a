from .audit import AuditEvent
from .branding import Branding
from .imports import CommentImport
from .people import EmailUserManager, User
from .safeguarding import CaseEvent, SafeguardingCase
from .themes import LearnedThemeModel, Theme, ThemeAssignment, ThemeDecision, effective_theme_ids
from .voices import SafeguardingTier, Sentiment, Voice, VoiceQuerySet

__all__ = [
    "AuditEvent",
    "Branding",
    "CaseEvent",
    "CommentImport",
    "EmailUserManager",
    "LearnedThemeModel",
    "SafeguardingCase",
    "SafeguardingTier",
    "Sentiment",
    "Theme",
    "ThemeAssignment",
    "ThemeDecision",
    "User",
    "Voice",
    "VoiceQuerySet",
    "effective_theme_ids",
]
