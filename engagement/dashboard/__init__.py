"""The commissioners' dashboard: outcomes, themes, reach and the loop, with its PDF and CSV.

Figures come from aggregate queries (grouped in the database, shaped with pandas); every count
that leaves here is published by engagement.disclosure (rounded with a cell key).
"""
