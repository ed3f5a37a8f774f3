"""Upload size limit, enforced while the request body arrives (settings.FILE_UPLOAD_HANDLERS).

Django's own handlers keep a small file in memory and write a bigger one to a temporary file, so
nothing large is ever held in memory; this one, first in the list, counts each file's bytes as
they arrive and drops a file once it passes ``CARERSHUB_DOCUMENT_MAX_BYTES`` (``SkipFile``: the
rest of it is read and thrown away, never kept). The request is marked, so the form says "must be
smaller than 20 MB" on the file field instead of "select a file". A body that announces itself
far bigger than the limit has each of its files dropped at once. A proxy in front should refuse
bodies well over the limit with its own 413 (README, "Configuring production").
"""

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, SkipFile

# Room for the form's other fields and the multipart boundaries around the file.
BODY_ALLOWANCE = 1024 * 1024
TOO_BIG = "_carershub_uploads_too_big"


def too_big_fields(request) -> set[str]:
    """The names of the file fields whose file was dropped for being over the limit."""
    return getattr(request, TOO_BIG, set())


class SizeLimitUploadHandler(FileUploadHandler):
    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        self.limit = settings.CARERSHUB_DOCUMENT_MAX_BYTES
        self.body_too_big = content_length > self.limit + BODY_ALLOWANCE
        self.received = 0
        return None  # the other handlers go on parsing

    def _drop(self):
        if self.request is not None:
            if not hasattr(self.request, TOO_BIG):
                setattr(self.request, TOO_BIG, set())
            getattr(self.request, TOO_BIG).add(self.field_name)
        raise SkipFile

    def new_file(self, field_name, *args, **kwargs):
        super().new_file(field_name, *args, **kwargs)
        self.received = 0
        if getattr(self, "body_too_big", False):
            self._drop()

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > getattr(self, "limit", settings.CARERSHUB_DOCUMENT_MAX_BYTES):
            self._drop()
        return raw_data

    def file_complete(self, file_size):
        return None  # the next handler makes the file
