"""What the document pages show of a document, worked out once here rather than in templates."""

from django.utils.translation import gettext as _

from carershub.core.presenters import Presenter
from carershub.documents.forms import size_text
from carershub.documents.models import ScanStatus
from carershub.documents.rules import DOWNLOAD_DOCUMENT, DOWNLOAD_WITHDRAWN_DOCUMENT, WITHDRAW_DOCUMENT

SCAN_TAGS = {
    ScanStatus.NOT_SCANNED: "govuk-tag--grey",
    ScanStatus.CLEAN: "govuk-tag--green",
    ScanStatus.FAILED: "govuk-tag--orange",
    ScanStatus.INFECTED: "govuk-tag--red",
}


class DocumentPresenter(Presenter):
    def __init__(self, document, user, person=None):
        super().__init__(document)
        if person is not None:
            document.person = person  # the permission rules read it; the page already has it
        self.user = user

    @property
    def type_label(self) -> str:
        info = self.obj.file_type_info
        return _(info.label) if info else self.obj.file_type

    @property
    def size_text(self) -> str:
        return size_text(self.obj.size)

    @property
    def scan_tag(self) -> dict:
        return {"text": self.obj.get_scan_status_display(), "classes": SCAN_TAGS.get(self.obj.scan_status, "")}

    @property
    def uploaded_by_name(self) -> str:
        user = self.obj.uploaded_by
        return user.get_full_name() or user.username

    @property
    def withdrawn_by_name(self) -> str:
        user = self.obj.withdrawn_by
        return (user.get_full_name() or user.username) if user else ""

    @property
    def can_download(self) -> bool:
        permission = DOWNLOAD_WITHDRAWN_DOCUMENT if self.obj.is_withdrawn else DOWNLOAD_DOCUMENT
        return self.user.has_perm(permission, self.obj)

    @property
    def can_withdraw(self) -> bool:
        return self.user.has_perm(WITHDRAW_DOCUMENT, self.obj)
