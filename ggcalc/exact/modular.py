"""Exact, vectorised solution of many small integer linear systems by modular arithmetic.

Each support system ``M z = e`` (integer ``M``, solution ``z = N / D`` with ``D = det M`` and
``N = adj(M) e``) is solved modulo a few primes below 2^31 with batched Gauss–Jordan
elimination in int64 (every product of two residues fits). The residues of ``D``, ``N`` and of
any integer linear combination of them are combined by the Chinese remainder theorem (Garner's
mixed-radix form), which gives their exact *signs* without ever building a big integer: enough
primes are used that their product exceeds twice the Hadamard bound of every quantity, so the
symmetric residue is the true value. This is the standard multi-modular method of exact linear
algebra (e.g. von zur Gathen and Gerhard, *Modern Computer Algebra*, 3rd ed., ch. 5).

A system whose determinant vanishes modulo one prime but not exactly cannot be solved modulo that
prime; such (rare) systems are reported as unresolved for the caller to decide otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass
from math import isqrt, prod

import numpy as np

__all__ = ["ModularSolution", "primes_for", "solve_modular", "value_bound"]

#: Primes just below 2^31, largest first: residues fit in 31 bits, products in 62.
_PRIMES: list[int] = []


def _is_prime(n: int) -> bool:
    if n < 2 or n % 2 == 0:
        return n == 2
    return all(n % d for d in range(3, isqrt(n) + 1, 2))


def _primes(count: int) -> list[int]:
    candidate = (_PRIMES[-1] if _PRIMES else 2**31) - 1
    while len(_PRIMES) < count:
        if _is_prime(candidate):
            _PRIMES.append(candidate)
        candidate -= 2 if candidate % 2 else 1
    return _PRIMES[:count]


def primes_for(bound: int) -> list[int]:
    """The fewest large primes whose product exceeds ``2 * bound + 1``.

    With that many primes, every integer of absolute value at most ``bound`` is determined by
    its residues (its symmetric residue modulo the product is the integer itself).

    Parameters
    ----------
    bound : int
        A bound on the absolute value of every integer to be recovered.

    Returns
    -------
    list of int
        Primes just below 2^31, largest first (computed once and cached for the process).
    """
    count = 1
    while prod(_primes(count)) <= 2 * bound + 1:
        count += 1
    return _primes(count)


def _pow_mod(base: np.ndarray, exponent: int, p: int) -> np.ndarray:
    result = np.ones_like(base)
    power = base % p
    while exponent:
        if exponent & 1:
            result = result * power % p
        power = power * power % p
        exponent >>= 1
    return result


def _solve_mod_p(matrix: np.ndarray, p: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Residues of ``det M`` and of ``adj(M) e_last`` mod ``p``, and where ``det M % p == 0``.

    ``matrix`` is an int64 array (N, s, s) of residues in [0, p).
    """
    count, size, _ = matrix.shape
    work = np.concatenate([matrix, np.zeros((count, size, 1), dtype=np.int64)], axis=2)
    work[:, size - 1, size] = 1
    det = np.ones(count, dtype=np.int64)
    vanishing = np.zeros(count, dtype=bool)
    batch = np.arange(count)
    for col in range(size):
        nonzero = work[:, col:, col] != 0
        has_pivot = nonzero.any(axis=1)
        pivot_row = col + np.argmax(nonzero, axis=1)
        vanishing |= ~has_pivot
        swap = pivot_row != col
        if swap.any():
            rows = work[batch, pivot_row].copy()
            work[batch, pivot_row] = work[:, col]
            work[:, col] = rows
            det = np.where(swap, (p - det) % p, det)
        pivot = np.where(has_pivot, work[:, col, col], 1)
        det = det * pivot % p
        work[:, col] = work[:, col] * _pow_mod(pivot, p - 2, p)[:, None] % p
        factors = work[:, :, col].copy()
        factors[:, col] = 0
        work = (work - factors[:, :, None] * work[:, col][:, None, :] % p) % p
    det = np.where(vanishing, 0, det)
    adjugate_e = work[:, :, size] * det[:, None] % p  # N = D z (mod p)
    return det, adjugate_e, vanishing


def _signs(residues: list[np.ndarray], primes: list[int]) -> np.ndarray:
    """Exact signs (-1, 0, 1) of integers given by residues, assuming |value| < prod/2.

    Garner's algorithm gives mixed-radix digits d_i (value = d_0 + d_1 p_0 + d_2 p_0 p_1 + ...);
    the value is negative when its digits exceed those of (prod - 1) / 2, compared from the top.
    """
    digits: list[np.ndarray] = []
    for i, (residue, p) in enumerate(zip(residues, primes, strict=True)):
        value = residue % p
        for j in range(i):
            inverse = pow(primes[j], p - 2, p)
            value = (value - digits[j]) % p * inverse % p
        digits.append(value)
    half = (prod(primes) - 1) // 2
    half_digits = []
    for p in primes:
        half_digits.append(half % p)
        half //= p
    greater = np.zeros(digits[0].shape, dtype=bool)
    decided = np.zeros(digits[0].shape, dtype=bool)
    for digit, limit in zip(reversed(digits), reversed(half_digits), strict=True):
        greater |= ~decided & (digit > limit)
        decided |= digit != limit
    zero = np.all([d == 0 for d in digits], axis=0)
    return np.where(zero, 0, np.where(greater, -1, 1)).astype(np.int8)


def reconstruct(residues: list[np.ndarray], primes: list[int]) -> list[int]:
    """Rebuild exact integers from their residues by the Chinese remainder theorem.

    Parameters
    ----------
    residues : list of numpy.ndarray
        One 1-D array per prime, all of one length: entry ``i`` of ``residues[j]`` is the
        ``i``-th integer modulo ``primes[j]``.
    primes : list of int
        The moduli, pairwise distinct primes.

    Returns
    -------
    list of int
        The integers, as Python ints in the symmetric range: each is the unique value in
        ``(-P/2, P/2]`` with the given residues, ``P`` being the product of the primes.
    """
    total = prod(primes)
    values = []
    for index in range(len(residues[0])):
        value = 0
        for residue, p in zip(residues, primes, strict=True):
            partial = total // p
            value += int(residue[index]) * partial * pow(partial, -1, p)
        value %= total
        values.append(value - total if value > total // 2 else value)
    return values


@dataclass
class ModularSolution:
    """Exact facts about systems ``[[P[tie, support], -1], [1 ... 1, 0]] (z, v) = (0, 1)``.

    Each system is the indifference system of one support pair: the mix ``z`` on ``support``
    that gives every strategy of ``tie`` the same payoff ``v``. Made by :func:`solve_modular`.

    Attributes
    ----------
    singular : numpy.ndarray
        (N,) bool: the system's determinant is 0 exactly (no unique solution).
    unresolved : numpy.ndarray
        (N,) bool: not decided here (the determinant vanishes modulo some prime but not
        modulo all); the caller must decide these otherwise.
    z_sign : numpy.ndarray
        (N, k) signs (-1, 0, 1) of the probabilities ``z``.
    advantage_sign : numpy.ndarray
        (N, rows) signs of each strategy's payoff against ``z`` minus the tie's payoff ``v``
        (positive: a strategy outside the tie earns more).
    primes : list of int
        The primes the systems were solved modulo.
    det_residues : list of numpy.ndarray
        Per prime, the (N,) residues of the determinants ``D``.
    z_residues : list of numpy.ndarray
        Per prime, the (N, k) residues of the numerators ``N_j`` (``z = N / D``); with
        ``det_residues``, what is needed to rebuild ``z`` exactly (:meth:`mixes`).
    """

    singular: np.ndarray
    unresolved: np.ndarray
    z_sign: np.ndarray
    advantage_sign: np.ndarray
    primes: list[int]
    det_residues: list[np.ndarray]
    z_residues: list[np.ndarray]  # each (N, k): the numerators N_j

    def mixes(self, index: np.ndarray) -> list[list[tuple[int, int]]]:
        """Exact ``(numerator, determinant)`` of each support probability for systems ``index``.

        Parameters
        ----------
        index : numpy.ndarray
            Indices of the systems to rebuild (non-singular ones: the determinant is a
            denominator).

        Returns
        -------
        list of list of tuple of (int, int)
            Per system, per support position ``j``, the pair ``(N_j, D)`` with ``z_j = N_j / D``
            (not reduced to lowest terms, and ``D`` may be negative).
        """
        det = reconstruct([d[index] for d in self.det_residues], self.primes)
        k = self.z_residues[0].shape[1]
        columns = [
            reconstruct([z[index, j] for z in self.z_residues], self.primes) for j in range(k)
        ]
        return [[(columns[j][i], det[i]) for j in range(k)] for i in range(len(det))]


def value_bound(k: int, payoff_bound: int) -> int:
    """A bound on |det M|, every |N_j| and every advantage of a size-k support system.

    Hadamard's bound on the determinants (columns of M: k payoff columns of norm at most
    sqrt(k * bound^2 + 1), and the (-1 ... -1, 0) column of norm sqrt(k)), times the largest
    coefficient sum of an advantage ``sum_j P_ij N_j - N_v``.

    Parameters
    ----------
    k : int
        The support size (the system has ``k + 1`` unknowns: ``z`` and ``v``).
    payoff_bound : int
        An upper bound on every ``|payoff|`` entry.

    Returns
    -------
    int
        The bound, to be passed to :func:`primes_for`.
    """
    column_norm_sq = k * payoff_bound**2 + 1
    hadamard = isqrt(column_norm_sq**k * k) + 1
    return (k * payoff_bound + 1) * hadamard


def solve_modular(
    payoff: np.ndarray, payoff_bound: int, ties: np.ndarray, supports: np.ndarray
) -> ModularSolution:
    """Exactly decide the support systems ``(ties[b], supports[b])`` of ``payoff``.

    Each system ``payoff[ties[b], supports[b]] z = v 1, sum z = 1`` is solved modulo the primes
    of :func:`primes_for` by batched Gauss–Jordan elimination, and the signs of ``D``, ``N`` and
    of the advantages are recovered with Garner's algorithm (the multi-modular method of the
    module docstring: von zur Gathen and Gerhard, *Modern Computer Algebra*, ch. 5).

    Parameters
    ----------
    payoff : numpy.ndarray
        Integer payoff table (object array of Python ints) of the player who must be
        indifferent, its strategies as rows, the mixing player's as columns.
    payoff_bound : int
        An upper bound on every ``|payoff|`` entry.
    ties, supports : numpy.ndarray
        (N, k) index arrays: the strategies made indifferent and the mix's support.

    Returns
    -------
    ModularSolution
        For each of the N systems, whether it is singular or left unresolved, and the exact
        signs of its probabilities and of every strategy's advantage over the tie.
    """
    count, k = ties.shape
    rows = payoff.shape[0]
    size = k + 1
    primes = primes_for(value_bound(k, payoff_bound))
    det_residues, z_residues, advantage_residues = [], [], []
    vanishing_any = np.zeros(count, dtype=bool)
    vanishing_all = np.ones(count, dtype=bool)
    for p in primes:
        table = np.array([[int(v) % p for v in row] for row in payoff], dtype=np.int64)
        matrix = np.zeros((count, size, size), dtype=np.int64)
        matrix[:, :k, :k] = table[ties[:, :, None], supports[:, None, :]]
        matrix[:, :k, k] = p - 1
        matrix[:, k, :k] = 1
        det, numerators, vanishing = _solve_mod_p(matrix, p)
        vanishing_any |= vanishing
        vanishing_all &= vanishing
        z = numerators[:, :k]
        v = numerators[:, k]
        full = np.zeros((count, table.shape[1]), dtype=np.int64)
        np.put_along_axis(full, supports, z, axis=1)
        # sum_j P_ij N_j mod p without overflow: accumulate one product (< 2^62) at a time.
        advantage = np.zeros((count, rows), dtype=np.int64)
        for j in range(k):
            column = table[:, supports[:, j]].T  # (N, rows)
            advantage = (advantage + column * z[:, j : j + 1] % p) % p
        advantage = (advantage - v[:, None]) % p
        det_residues.append(det)
        z_residues.append(z)
        advantage_residues.append(advantage)
    singular = vanishing_all
    unresolved = vanishing_any & ~vanishing_all
    det_sign = _signs(det_residues, primes)
    z_sign = _signs(z_residues, primes) * det_sign[:, None]
    advantage_sign = _signs(advantage_residues, primes) * det_sign[:, None]
    del rows
    return ModularSolution(
        singular, unresolved, z_sign, advantage_sign, primes, det_residues, z_residues
    )
