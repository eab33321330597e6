"""Export a ``Corpus`` as a counterclaim/1 document, validate it and write it as JSON."""

from counterclaim.export.document import to_document
from counterclaim.export.files import write_json
from counterclaim.export.validate import validate_document

__all__ = ["to_document", "validate_document", "write_json"]
