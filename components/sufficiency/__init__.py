"""The Sufficiency gaps page: settings, data and sections."""
