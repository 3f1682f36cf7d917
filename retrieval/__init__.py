"""Retrieval layer: load files, find their structure, chunk, embed, index and search.

It knows nothing of tasks, LLMs or the web (see DESIGN.md §1).
"""
