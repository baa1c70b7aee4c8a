"""How much one person may write, in one place: forms check it, templates show it (passed in
the context, never written into a template) and the bulk imports apply it line by line."""

# A respondent's answer or "Tell us more": long enough for what a child or carer writes at a
# sitting, short enough to read on a phone and to keep one comment to one point.
RESPONDENT_TEXT_LIMIT = 1000
# A facilitator's note of what was said in a focus group: notes run longer than typed answers.
CONTRIBUTION_TEXT_LIMIT = 2000
