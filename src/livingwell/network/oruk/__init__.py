"""Open Referral UK 3.0: the directory written as the standard (write), read from it (read), and the read API's query (query)."""
