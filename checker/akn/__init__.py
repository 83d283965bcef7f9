"""Akoma Ntoso: read acts and bills safely, verify cited eIds, scan for passages
that look like known gaps."""
