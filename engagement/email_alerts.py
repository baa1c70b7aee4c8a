"""Officers see when the email to the safeguarding leads has not gone.

The sweep (engagement/checking.py) sends it again every few minutes and each failure is in
the audit log (engagement/tasks.py); this panel on the admin's home page tells officers, who
can ring the lead and tell IT. It says that an email is waiting, not how many or about what:
officers see nothing of a possible disclosure, not even how many there are.
"""

from django.utils.safestring import mark_safe
from wagtail import hooks
from wagtail.admin.ui.components import Component

from .checking import cases_not_emailed


class LeadEmailNotSentPanel(Component):
    name = "lead_email_not_sent"
    order = 10

    def render_html(self, parent_context=None):
        return mark_safe(
            '<section class="panel help-block help-critical" role="alert" '
            'aria-labelledby="lead-email-heading"><h2 id="lead-email-heading">'
            "The email to the safeguarding lead has not gone</h2>"
            "<p>An email telling the safeguarding lead about a comment could not be sent. It is "
            "tried again every "
            "few minutes. Tell the safeguarding lead to look at their queue now, and ask IT to "
            "check the email settings (EMAIL_HOST). Settings &gt; Audit log shows each failure."
            "</p></section>"
        )


@hooks.register("construct_homepage_panels")
def lead_email_not_sent(request, panels):
    if not request.user.has_perm("engagement.view_auditevent"):
        return
    if cases_not_emailed().exists():
        panels.insert(0, LeadEmailNotSentPanel())
