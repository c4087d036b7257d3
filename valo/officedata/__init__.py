"""officedata: readers of patent-office files (EPO OPS now; INPI and Lens with the ranking issue)
that turn them into normalised records. It imports no domain app: the portfolio and the rankings
consume its records."""
