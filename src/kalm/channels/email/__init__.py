"""Email in and out: parsing, threading and ingesting raw messages (IMAP and SMTP live beside)."""
