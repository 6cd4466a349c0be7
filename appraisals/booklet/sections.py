"""The booklet sections the appraisals app contributes (registered in AppConfig.ready())."""


def register():
    """Register the appraisals app's booklet sections."""
