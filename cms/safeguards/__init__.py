"""What every request and response passes through to stay safe: security
headers, rate limits, bounds on input, same-site redirects, client keys
that store no address, and spreadsheet cells that cannot become formulas."""
