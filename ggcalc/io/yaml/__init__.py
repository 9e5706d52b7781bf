"""The YAML scenario format (CONTRACT 1): safe, located reading, and byte-preserving rewriting.

Located nodes (:mod:`~ggcalc.io.yaml.nodes`) and the problem-collecting node reader
(:mod:`~ggcalc.io.yaml.node_reader`) carry every value's line and column, so each problem is
reported where a user would fix it; the top-level document, the normal-form and tree readers
and the ``expect`` block build on them. :mod:`~ggcalc.io.yaml.flow` writes equilibria as users
write them, and :mod:`~ggcalc.io.yaml.edit` rewrites one top-level entry in place.
"""
