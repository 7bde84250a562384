"""Amounts: numbers, units, qualifiers, ranges and counted objects."""
