"""The meeting pack: the sidebar builder and each page's pack section."""
