"""The outbox: every message to a person, a carer or a partner, written in the same transaction as
the change that caused it, then sent by a background task (Django's tasks framework, in the
database) through GOV.UK Notify or email, at most once."""
