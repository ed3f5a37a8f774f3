"""The one ``gettext_noop`` of the pure rules modules.

Pure modules (no Django import) mark their English text with this so that ``makemessages``
(which looks for the name) extracts it; the Django layer translates at display time.
It is an identity function, not Django's: the values stay plain ``str`` constants.
"""


def gettext_noop(message: str) -> str:
    """Mark a string for extraction by ``makemessages`` without translating it."""
    return message
