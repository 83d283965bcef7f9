"""gapcheck: hold a national legal framework against the international standards
on trafficking in persons, migrant workers and child labour."""

__version__ = "0.1.0"
