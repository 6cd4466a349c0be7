"""Clean-up of files in Django's storage that no record refers to, shared by every
background build that stores files (HR's booklet exports, a person's data copies)."""

from django.core.files.storage import default_storage


def walk(folder):
    """Every file name under `folder` in the default storage (none if it is missing)."""
    try:
        folders, files = default_storage.listdir(folder)
    except (FileNotFoundError, NotImplementedError):
        return
    for name in files:
        yield f"{folder}/{name}"
    for sub in folders:
        yield from walk(f"{folder}/{sub}")


def remove_unreferenced(folder, referenced, older_than):
    """Delete each file under `folder` not named in `referenced` (a set of names) and
    last changed before `older_than` (a datetime: a build still writing one is left
    alone). Returns how many were deleted."""
    removed = 0
    for name in walk(folder):
        if name in referenced:
            continue
        try:
            if default_storage.get_modified_time(name) >= older_than:
                continue
        except (NotImplementedError, OSError):
            continue
        default_storage.delete(name)
        removed += 1
    return removed
