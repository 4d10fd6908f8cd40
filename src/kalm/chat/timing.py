"""How long things take in live chat. Plain module constants (no settings): tests override them
with ``monkeypatch.setattr(timing, "SSE_MAX_SECONDS", 1)``; code reads them as ``timing.X`` at
call time so an override takes effect."""

# One SSE response lives at most this long; EventSource reconnects with Last-Event-ID, so a
# runserver thread is never held forever.
SSE_MAX_SECONDS = 55.0
# How often a stream looks in the database for new events.
SSE_TICK_SECONDS = 1.0
# A comment line keeps proxies from closing an idle stream.
SSE_HEARTBEAT_SECONDS = 15.0
# Browsers wait this long before reconnecting after a stream ends.
SSE_RETRY_MS = 1500
# A keystroke means "typing" for this long.
TYPING_SECONDS = 5
# An agent who looked at the chat queue this recently counts as online.
AGENT_ONLINE_SECONDS = 120
# A waiting visitor is offered to leave a message when nobody accepts within this time.
ACCEPT_WAIT_SECONDS = 180
# A visitor seen this recently still has the chat open: replies go to the chat, not by email.
VISITOR_PRESENT_SECONDS = 60
# Seen-at timestamps are written at most this often by a stream or poll.
SEEN_WRITE_SECONDS = 5
