"""inventions: the researcher's declaration, inventorship, ownership qualification and its legal
clocks, the collegial assessment and its decision, software assets and secret know-how."""
