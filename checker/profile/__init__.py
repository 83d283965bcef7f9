"""The profile input wing: the profile format read from the ontology, the
YAML/Turtle/JSON-LD readers, well-formedness shapes, bills and citations."""
