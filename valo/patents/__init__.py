"""patents: families and applications across offices, owners and their shares, deadlines computed from
rules held as data on office calendars, renewals, costs, and the import of EPO OPS data."""
