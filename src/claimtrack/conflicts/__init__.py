"""Finding contradictions between claims: value conflicts, tensions and joint (rule) conflicts.

CT304 a rule has too many combinations to check or report in full (limits: 10,000 checked,
20 reported per rule and scope). The first ones are reported; settle the disputed parts first.

FAIL: a sum rule over forty parties, each with three disputed seat counts.
"""

CODES = ("CT304",)
"""The findings this package reports, documented above (`claimtrack explain CODE`)."""
