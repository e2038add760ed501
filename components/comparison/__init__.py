"""The PDU comparisons page: settings, data and sections."""
