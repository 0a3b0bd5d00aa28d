"""Scheduling: when schedules fire."""
