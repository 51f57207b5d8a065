"""Where users start: pages that point into every app (landing redirect, PD list, administration)."""
