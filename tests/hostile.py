"""A JSONL record whose text, title, outlet, URL and quotes carry markup and script, for the escaping tests."""

from __future__ import annotations


def hostile_record(script: str, img: str, js: str) -> dict[str, str]:
    """The record with the given payloads: a script tag, an attribute-breaking image tag, a javascript: URL."""
    return {
        "id": "hostile-1", "published": "2024-03-01", "url": js,
        "title": f"Rebels take the town {script} {img}", "outlet": f"Lake Courier {script}{img}",
        "text": ("M23 rebels captured the town of Sake on Thursday, the group's spokesman said. "
                 f"\"We took Sake {script} and the road to Goma {img} is open,\" M23 spokesman Lawrence Kanyuka "
                 f"said on X. Readers were told to click <a href=\"{js}\">{js}</a> for the full statement.\n\n"
                 f"The Congolese army denied that Sake had fallen, saying in a statement that its troops {img} "
                 f"still held their positions around the town. \"Sake is under our control {script}\", army "
                 "spokesman Sylvain Ekenge told reporters.\n\nLake Courier could not independently verify either "
                 f"side's account. Residents painted {script} and {img} on the walls of the market, next to "
                 f"<a href=\"{js}\">a link</a>."),
    }
