"""Alembic environment: migrations run on the connection that ``Store.open`` hands over.

There is no alembic.ini: ``fieldguide.store.engine.migrate`` builds the configuration in
code and passes its open connection in ``config.attributes["connection"]``.
"""

from __future__ import annotations

from alembic import context

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=None, transactional_ddl=True)
with context.begin_transaction():
    context.run_migrations()
