"""Equilibrium algorithms: each takes plain arrays and returns plain results (no I/O, no names)."""
