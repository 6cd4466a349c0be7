"""Uploads over settings.MAX_UPLOAD_BYTES are never stored, not even in a temporary file.

Django streams an upload to a temporary file whatever its size, and a form's size
check runs only after the whole file is on disk. CappedUploadHandler runs first
(settings.FILE_UPLOAD_HANDLERS): once a file passes the limit it drops what Django's
own handlers have kept of it, passes them nothing more, and gives the form a
TooLargeUpload in its place. The form's own size check then shows its plain error
("The selected file must be smaller than 5MB"). The rest of the body is read and
thrown away; the reverse proxy's body limit (docs/deployment.md) stops a far larger
one before it reaches Trellis.
"""

from io import BytesIO

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler, StopFutureHandlers


class TooLargeUpload(UploadedFile):
    """An upload over the limit: its name and the size read so far, no content."""

    def __init__(self, name, content_type, size):
        super().__init__(BytesIO(), name, content_type, size)


class CappedUploadHandler(FileUploadHandler):
    """Stops keeping a file once it passes settings.MAX_UPLOAD_BYTES (see module doc)."""

    def new_file(self, field_name, file_name, content_type, content_length, *args, **kwargs):
        super().new_file(field_name, file_name, content_type, content_length, *args, **kwargs)
        self.received = 0
        self.too_large = False
        # Files the other handlers hold now belong to earlier fields (already complete).
        self.earlier = {id(getattr(h, "file", None)) for h in self.request.upload_handlers}
        if content_length is not None and content_length > settings.MAX_UPLOAD_BYTES:
            self.too_large, self.received = True, content_length
            raise StopFutureHandlers  # the other handlers never open a file for it

    def receive_data_chunk(self, raw_data, start):
        if not self.too_large:
            self.received = start + len(raw_data)
            if self.received <= settings.MAX_UPLOAD_BYTES:
                return raw_data
            self.too_large = True
            self._drop_kept_part()
        else:
            self.received += len(raw_data)
        return None  # the handlers after this one are not given the rest

    def file_complete(self, file_size):
        if self.too_large:
            return TooLargeUpload(self.file_name, self.content_type, self.received)
        return None  # the next handler (memory or temporary file) gives the file

    def _drop_kept_part(self):
        # Closing a temporary upload file deletes it (as Django does on SkipFile).
        for handler in self.request.upload_handlers:
            kept = getattr(handler, "file", None)
            if handler is not self and kept is not None and id(kept) not in self.earlier:
                kept.close()
