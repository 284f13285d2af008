"""Names in an edition: how aliases are matched in the text, which aliases are risky, and
how names are ordered and filed in the indexes."""
