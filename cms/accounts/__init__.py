"""Staff accounts: logging in (password, then a second factor), sessions
the server can end, the password policy, login throttling, and managing
the accounts themselves."""
