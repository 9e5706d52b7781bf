"""Equilibria written the way users write them in ``expect`` (CONTRACT 1.3): players,
strategies and decision points by name, probabilities as exact numbers, on one line of YAML
flow style (``{United States: Blockade, Soviet Union: Maintain}``).

Used wherever an equilibrium is named for a person: ``expect`` blocks, check reports, sweep
regimes, robustness outcomes and plot legends.
"""

from __future__ import annotations

import re
from fractions import Fraction
from typing import Any

import yaml

from ggcalc.exact.algebraic import Algebraic, Real, approx_text, exact_text
from ggcalc.exact.rationals import fraction_text
from ggcalc.model.normal_form import NormalFormGame
from ggcalc.model.solution import Profile
from ggcalc.model.tree import GameTree

__all__ = ["flow", "profile_text", "profile_value", "scalar"]


def profile_text(game: NormalFormGame | GameTree, profile: Profile) -> str:
    """An equilibrium the way users write it in ``expect``, on one line (YAML flow style).

    Parameters
    ----------
    game : NormalFormGame or GameTree
        The game the profile is of, for the names of players, strategies and actions.
    profile : Profile
        One exact mix per player (normal form) or per information set (trees).

    Returns
    -------
    str
        E.g. ``{United States: Blockade, Soviet Union: Maintain}``.
    """
    return flow(profile_value(game, profile))


def profile_value(game: NormalFormGame | GameTree, profile: Profile) -> dict[str, Any]:
    """An equilibrium as the value of an ``expect`` entry, before it is written out.

    Normal form: player -> strategy, or strategy -> probability. Trees: player -> action, or
    {decision point: action, ...} for a player with several; players with no decision point
    are left out. An action or strategy played with probability 1 is written by name alone,
    a mix as its played options and their probabilities (zero-probability ones left out).

    Parameters
    ----------
    game : NormalFormGame or GameTree
        The game the profile is of.
    profile : Profile
        One exact mix per player (normal form) or per information set (trees).

    Returns
    -------
    dict
        Nested dicts of names, with probabilities as exact numbers ready for :func:`flow`.
    """
    if isinstance(game, NormalFormGame):
        return {
            player: _choice(game.strategies[i], profile[i]) for i, player in enumerate(game.players)
        }
    value: dict[str, Any] = {}
    for i, player in enumerate(game.players):
        own = [h for h in range(len(game.infosets)) if game.infoset_player[h] == i]
        if not own:
            continue
        choices = {game.infoset_name(h): _choice(game.infoset_actions[h], profile[h]) for h in own}
        value[player] = next(iter(choices.values())) if len(own) == 1 else choices
    return value


def _choice(options: tuple[str, ...], mix: tuple[Real, ...]) -> Any:
    played = {o: p for o, p in zip(options, mix, strict=True) if p}
    if len(played) == 1:
        return next(iter(played))
    return {o: _Number(p) for o, p in played.items()}


class _Number:
    """A probability written as an exact number (``1/2``), never quoted."""

    def __init__(self, value: Fraction | Algebraic):
        if isinstance(value, Algebraic):  # CONTRACT 1.5: the exact value and a decimal
            exact = exact_text(value).replace('"', "")
            self.text = f'{{exact: "{exact}", approx: "{approx_text(value)}"}}'
        else:
            self.text = fraction_text(value)


_PLAIN = re.compile(r"[A-Za-z_][A-Za-z0-9_ .()'&/+-]*")
_RESOLVER = yaml.resolver.Resolver()


def scalar(text: str) -> str:
    """``text`` as a YAML scalar that reads back as exactly this string.

    Parameters
    ----------
    text : str
        A name (of a player, strategy, action or decision point).

    Returns
    -------
    str
        ``text`` unquoted when YAML would read it back as the same string, else in double
        quotes (a JSON string, which is valid YAML): e.g. ``"yes"``, ``"3"`` or ``"a: b"``.
    """
    plain = (
        _PLAIN.fullmatch(text) is not None
        and text == text.strip()
        and not any(s in text for s in (": ", " #"))
        and _RESOLVER.resolve(yaml.ScalarNode, text, (True, False)) == "tag:yaml.org,2002:str"
    )
    if plain:
        return text
    import json  # only for names that need quotes

    return json.dumps(text, ensure_ascii=False)


def flow(value: Any) -> str:
    """``value`` (from :func:`profile_value`) as one line of YAML flow style.

    Parameters
    ----------
    value : object
        A dict, a probability or a name, as :func:`profile_value` makes them.

    Returns
    -------
    str
        The YAML text: mappings in braces, probabilities as exact numbers (``1/2``, never
        quoted), names through :func:`scalar`.
    """
    if isinstance(value, _Number):
        return value.text
    if isinstance(value, dict):
        return "{" + ", ".join(f"{scalar(k)}: {flow(v)}" for k, v in value.items()) + "}"
    return scalar(str(value))
