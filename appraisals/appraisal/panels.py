"""Navigation and home-page panels this topic adds (registered in AppConfig.ready())."""


def register():
    """Register this topic's navigation items, next steps and home panels."""
