"""The stores of one data folder: SQLite (`db`), the document registry, the Chroma vectors and the BM25 index."""
