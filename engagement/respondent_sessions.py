"""Respondents' sessions (a survey in progress) end an hour after their last request, or when
the browser is closed: settings.SESSION_COOKIE_AGE and SESSION_EXPIRE_AT_BROWSER_CLOSE say so,
and this middleware keeps the hour counting from the last request, not the first.

Saving the session on every request (SESSION_SAVE_EVERY_REQUEST) would do it at the cost of a
write on every answer step, so the session is saved again only when RESPONDENT_SEEN_EVERY_SECONDS
have passed since it last was. Signed-in staff have their own, shorter limit
(engagement.staff_security.StaffIdleTimeoutMiddleware).
"""

import time

RESPONDENT_SEEN_KEY = "respondent-seen"
RESPONDENT_SEEN_EVERY_SECONDS = 5 * 60


class RespondentIdleTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session, user = getattr(request, "session", None), getattr(request, "user", None)
        # After the view (which may have just started a survey); a visitor holding nothing
        # gets no session at all.
        if (
            session is not None
            and user is not None
            and not user.is_authenticated
            and session.keys()
        ):
            now = int(time.time())
            if now - session.get(RESPONDENT_SEEN_KEY, 0) >= RESPONDENT_SEEN_EVERY_SECONDS:
                session[RESPONDENT_SEEN_KEY] = now  # saved by SessionMiddleware: a new hour
        return response
