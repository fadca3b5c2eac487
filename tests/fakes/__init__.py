"""Every test double, in one place, one of each:

- bot_api.FakeBotAPI: the fake Telegram Bot API server (the channel's tests, tests/faults and
  benchmarks/bench_load.py import it from here);
- clock.FakeClock: time that moves only when a test says so (a datetime for the tracker, `monotonic` seconds
  for the throttle and the rate limiter);
- fake_services.FakeServices: bot.app.Services, with the fake engine and knowledge desk and a real Tracker
  (fake_services.real_tracker);
- telegram_doubles: a scripted Dialog, an in-memory outbox and the real polling bot run against FakeBotAPI.
"""
