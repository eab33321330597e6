"""counterclaim: who said what about contested events, across outlets."""

__version__ = "0.1.0"
SCHEMA_ID = "counterclaim/1"
