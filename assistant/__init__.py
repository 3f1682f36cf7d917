"""The assistant layer: tasks, composers, grounding, the service facade, CLI and API."""
