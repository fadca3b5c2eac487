"""Tests of bot.tracker, each on a SQLite file and on PostgreSQL."""
