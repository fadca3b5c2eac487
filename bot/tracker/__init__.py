"""The problem list: enterprises raise items, officers clear them to zero, everyone is told (outbox).

Public surface: bot.tracker.service.Tracker, bot.tracker.values, bot.tracker.notices, bot.tracker.errors,
bot.tracker.db, and bot.tracker.origin.acting_for: the one piece of context a Tracker call carries besides its
arguments. The Telegram inbox (bot.channels.telegram.inbox) sets it around the handling of one stored update,
the WeCom channel around one stored callback; Tracker writes made inside happen at most once for that update
or callback, so a handling repeated after a crash changes and notifies nothing twice. Nothing else sets it
(the terminal chat and the CLI act without an origin).
"""
