"""finance: revenue and direct costs per invention and year, and the inventors' remuneration — the
prime d'intéressement and the prime au brevet (CPI R611-14-1) — with yearly statements and the payroll
export."""
