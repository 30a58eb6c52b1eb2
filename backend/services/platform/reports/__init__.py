"""Reports for service managers: SLA, the bot, channels, duplicates, technicians, coverage
and money. Every figure is an SQL aggregate over one period and the same filters
(`filters.Filters`); each report names the incident or conversation list behind a figure
(`drill.py`), and `export.py` turns any of them into CSV."""
