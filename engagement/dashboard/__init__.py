"""The commissioners' dashboard: outcomes, themes, reach and the loop, with its PDF and CSV.

Figures come from aggregate queries (grouped in the database, shaped with pandas); every count
that leaves here passes through engagement.suppression.
"""
