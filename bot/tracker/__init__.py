"""The problem list: enterprises raise items, officers clear them to zero, everyone is told (outbox).

Public surface: bot.tracker.service.Tracker, bot.tracker.values, bot.tracker.errors, bot.tracker.db.
"""
