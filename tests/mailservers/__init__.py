"""Real mail servers on loopback for the e-mail tests: Dovecot (IMAP) and aiosmtpd (SMTP)."""
