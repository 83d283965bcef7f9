"""The engine wing: SHACL validation of profiles against the requirement shapes,
findings, statuses and the severity policy."""
