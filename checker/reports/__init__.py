"""The reports wing: comparisons (bills), collections of profiles, the matrix
and the renderers that turn findings into text."""
