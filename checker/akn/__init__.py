"""Akoma Ntoso: read acts and bills safely (reader), cite any element with an id
and check quotes against it (cite, text), print outlines (outline), scan for
passages a lawyer would read first (scan, patterns.yaml) and draft profile
fragments from them (draft)."""
