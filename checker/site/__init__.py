"""The site wing: the pages, downloads and MkDocs build of the published site."""
