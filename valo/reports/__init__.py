"""reports: the role dashboards, the institution's yearly report and the surveys it answers, built on
every app's records through the same restricted querysets as their pages."""
