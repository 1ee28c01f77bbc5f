"""Alembic environment: fogwatch passes its own connection in `config.attributes["connection"]`."""
from alembic import context

from fogwatch.ledger.schema import metadata

connection = context.config.attributes.get("connection")
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
