"""Scenarios several test modules share (as YAML text)."""

# Selten (1978)'s entry deterrence, as in CONTRACT 1.2: the one subgame-perfect equilibrium is
# (In, Accommodate); (Out, Fight) is a Nash equilibrium resting on a non-credible threat.
ENTRY = """\
title: Entry deterrence
players: [Entrant, Incumbent]
tree:
  player: Entrant
  moves:
    Out: {payoffs: [0, 2]}
    In:
      player: Incumbent
      moves:
        Fight: {payoffs: [-1, -1]}
        Accommodate: {payoffs: [1, 1]}
"""
