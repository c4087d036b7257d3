"""rankings: harmonised applicants of the public record, counted under named methodologies (INPI's
palmarès and others), ranked as INPI ranks them."""
