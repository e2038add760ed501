"""Waiting times: the waiting list at a snapshot, its flows, time to start, projections and tables."""
