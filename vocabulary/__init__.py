"""The vocabulary every layer speaks: code lists and labels, the Filters value and definitional constants. Imports nothing of ours."""
