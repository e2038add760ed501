"""Production serving: several app processes behind HAProxy (`make serve`)."""
