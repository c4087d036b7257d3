"""agreements: partnership and transfer contracts with their IP clauses and obligations, co-ownership
notices, licences with royalty tiers and minimums, royalty statements and payments."""
