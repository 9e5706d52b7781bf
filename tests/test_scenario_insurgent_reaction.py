"""games/insurgent_reaction.yaml: the published answer and the thresholds docs/scenarios.md
claims for it (Baloch insurgents' reply to a US minerals deal; crackdown or include locals)."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

from scenarios import pure_choices, scenario_sweep, the_subgame_perfect_equilibrium

import ggcalc
from ggcalc.analysis.sweep import SweepResult

PATH = Path(__file__).parent.parent / "games" / "insurgent_reaction.yaml"

# The insurgents' replies at the default values, and wherever only the state's choice moves:
# escalate against a crackdown whether backed or not (the grievance alone pays), escalate
# against inclusion only with outside backing.
REPLIES = (
    '{"Insurgents, crackdown, backed": Escalate, '
    '"Insurgents, crackdown, not backed": Escalate, '
    '"Insurgents, inclusion, backed": Escalate, '
    '"Insurgents, inclusion, not backed": Hold back}'
)
CRACKDOWN = "{Pakistan military: Crackdown, Baloch insurgents: " + REPLIES + "}"
INCLUSION = "{Pakistan military: Include locals, Baloch insurgents: " + REPLIES + "}"


def test_insurgent_reaction_equilibrium() -> None:
    # Subgame perfect, one equilibrium: the state cracks down and the insurgents escalate
    # whether backed or not. Crackdown gives the state 5 - 5 = 0; inclusion would give
    # 6 - 4 - 5/2 = -1/2 (backed insurgents, half the time, still escalate). The insurgents
    # expect (1 + (-2)) / 2 = -1/2.
    spe = the_subgame_perfect_equilibrium(PATH)
    played = pure_choices(spe)
    assert played == {
        "State policy": "Crackdown",
        "Insurgents, crackdown, backed": "Escalate",
        "Insurgents, crackdown, not backed": "Escalate",
        "Insurgents, inclusion, backed": "Escalate",
        "Insurgents, inclusion, not backed": "Hold back",
    }
    assert spe["payoffs"] == {"Pakistan military": "0", "Baloch insurgents": "-1/2"}
    assert spe["pure"] is True and spe["subgame_perfect"] is True


def test_insurgent_reaction_inclusion_pays_when_backing_is_unlikely() -> None:
    # With backer_support = 1/4 inclusion buys peace three times in four: the state gets
    # 2 - 5/4 = 3/4 > 0 and the insurgents 2 - 1/4 * 2 + 1/4 * 3 = 9/4.
    document = ggcalc.load(PATH, backer_support=Fraction(1, 4)).solve().to_dict()
    (spe,) = document["equilibria"]
    assert spe["strategies"]["Pakistan military"]["State policy"] == {
        "Crackdown": "0",
        "Include locals": "1",
    }
    assert spe["payoffs"] == {"Pakistan military": "3/4", "Baloch insurgents": "9/4"}


def test_insurgent_reaction_flips_with_outside_backing() -> None:
    # Inclusion pays 6 - c - 5p against 0 for the crackdown: with c = 4 the state includes
    # locals exactly while backer_support < 2/5; at 2/5 both policies are subgame perfect.
    result = insurgent_sweep("backer_support=0:1:11")
    assert [t.simplest for t in result.thresholds] == [Fraction(2, 5), Fraction(2, 5)]
    assert result.thresholds[0].high == result.thresholds[1].low == Fraction(2, 5)
    first, middle, last = (regime.signature[0] for regime in result.regimes)
    assert first == (INCLUSION,)
    assert set(middle) == {CRACKDOWN, INCLUSION}
    assert last == (CRACKDOWN,)


def test_insurgent_reaction_flips_with_the_cost_of_inclusion() -> None:
    # At backer_support = 1/2: inclusion (6 - c - 5/2) beats the crackdown (0) exactly
    # while c < 7/2.
    result = insurgent_sweep("inclusion_cost=0:8:17")
    assert [t.simplest for t in result.thresholds] == [Fraction(7, 2), Fraction(7, 2)]
    assert result.regimes[0].signature[0] == (INCLUSION,)
    assert result.regimes[0].last == 3
    assert set(result.regimes[1].signature[0]) == {CRACKDOWN, INCLUSION}
    assert result.regimes[-1].signature[0] == (CRACKDOWN,)
    assert result.regimes[-1].first == 4


def test_insurgent_reaction_flips_with_the_damage_of_escalation() -> None:
    # Crackdown 5 - d against inclusion 2 - d/2: inclusion wins once d > 6.
    result = insurgent_sweep("deal_damage=0:10:11")
    assert [t.simplest for t in result.thresholds] == [Fraction(6), Fraction(6)]
    assert result.regimes[0].signature[0] == (CRACKDOWN,)
    assert result.regimes[-1].signature[0] == (INCLUSION,)


def test_insurgent_reaction_flips_with_outside_aid() -> None:
    # Below outside_aid = 2 even backed insurgents hold back against inclusion, which then
    # buys peace for sure (state 2 > 0).
    result = insurgent_sweep("outside_aid=0:6:7")
    assert [t.simplest for t in result.thresholds] == [Fraction(2), Fraction(2)]
    (low,) = result.regimes[0].signature[0]
    assert low.startswith("{Pakistan military: Include locals")
    assert '"Insurgents, inclusion, backed": Hold back' in low
    assert result.regimes[-1].signature[0] == (CRACKDOWN,)


def test_insurgent_reaction_grievance_decides_unbacked_escalation() -> None:
    # Unbacked insurgents escalate against a crackdown exactly when grievance_gain > 2 (the
    # cost of attacking). At the default backing the state cracks down either way; with
    # backer_support = 1/4 the grievance is what makes inclusion the state's choice.
    result = insurgent_sweep("grievance_gain=0:6:7")
    assert [t.simplest for t in result.thresholds] == [Fraction(2), Fraction(2)]
    (low,) = result.regimes[0].signature[0]
    assert '"Insurgents, crackdown, not backed": Hold back' in low
    assert low.startswith("{Pakistan military: Crackdown")
    assert result.regimes[-1].signature[0] == (CRACKDOWN,)

    result = insurgent_sweep("grievance_gain=0:6:7", backer_support=Fraction(1, 4))
    assert [t.simplest for t in result.thresholds] == [Fraction(2), Fraction(2)]
    (low,) = result.regimes[0].signature[0]
    assert low.startswith("{Pakistan military: Crackdown")
    assert result.regimes[-1].signature[0] == (INCLUSION,)


def insurgent_sweep(vary: str, **fixed: Fraction) -> SweepResult:
    return scenario_sweep(PATH, vary, **fixed)
