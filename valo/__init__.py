"""valo: the technology-transfer office platform."""
