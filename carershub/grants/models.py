"""The community grants fund: rounds, applications, panel scoring, capped awards, payments and monitoring."""
