"""Query understanding and ranking: the parsed query, score signals after fusion, whole clauses, everyday
terms and Chinese numerals."""
