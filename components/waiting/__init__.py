"""The Waiting times page: settings, data and sections."""
