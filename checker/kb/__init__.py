"""The knowledge base wing: locating and loading the ontology, instruments and
requirement catalogue, their namespaces, the meta-check, and the requirements."""
