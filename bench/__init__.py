"""Trellis benchmarks: page times as ratios to a bare Django page measured in the same run."""
