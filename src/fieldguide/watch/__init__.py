"""fieldguide watch: poll feeds, ingest what is new, decide alerts by rules, deliver each once.

config.py   the YAML configuration, validated (key path and reason for each problem)
feeds.py    one poll of one feed or listing page: conditional GET, only unseen entries followed
state.py    the watcher's tables in the archive: feeds, entries seen, cursor, alerts, deliveries
rules.py    which new documents, events, activities and first appearances match a rule
sinks.py    JSONL (fsync, exactly once), webhook (retried), stdout, email
runner.py   a round (poll, ingest, decide, deliver) and the loop that stops cleanly on a signal
"""
