"""Export a ``Corpus`` as a counterclaim/1 document, validate it and write it as JSON, CSV or GeoJSON."""

from counterclaim.export.document import stream_document, to_document
from counterclaim.export.files import write_json, write_text
from counterclaim.export.geojson import to_geojson
from counterclaim.export.tabular import to_csv
from counterclaim.export.validate import validate_document

__all__ = ["stream_document", "to_csv", "to_document", "to_geojson", "validate_document", "write_json", "write_text"]
