"""The assessments app's pages: assessing and deciding (``assessing``), letters and copies given (``letters``)."""
