from .audit import AuditEvent
from .branding import Branding
from .imports import CommentImport
from .people import EmailUserManager, User
from .safeguarding import CaseEvent, SafeguardingCase
from .themes import CommentTheme, LearnedThemeModel, Theme, ThemeAssignment, ThemeDecision
from .voices import SafeguardingTier, Sentiment, Voice, VoiceQuerySet

__all__ = [
    "AuditEvent",
    "Branding",
    "CaseEvent",
    "CommentImport",
    "CommentTheme",
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
]
