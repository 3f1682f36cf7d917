"""The digital plan (DESIGN §8): a contingency plan's response chapter read as levels with their triggers,
measures and report rules (`digital_plan`), and an incident's facts matched against them (`incident_facts`)."""
