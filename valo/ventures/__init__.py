"""ventures: spin-offs and start-ups, the institution's equity, and each researcher's involvement
under Code de la recherche L531-1, L531-8/9 and L531-12, checked against caps held as dated data."""
