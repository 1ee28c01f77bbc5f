"""claims: counts as 64-bit integers ("3 billion" overflowed PostgreSQL's INTEGER); event facets
filled for ledgers upgraded past 0003 before it filled them; ledger_state, what reconcile last saw

Revision ID: 0007
Revises: 0006
"""
from alembic import op
import sqlalchemy as sa

from fogwatch.ledger.facets import backfill

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # SQLite's INTEGER is already 64-bit: no table rebuild there.
    if op.get_context().dialect.name != 'sqlite':
        for column in ('q_low', 'q_high'):
            op.alter_column('claims', column, type_=sa.BigInteger(), existing_type=sa.Integer())
    backfill(op.get_bind())
    op.create_table('ledger_state',
    sa.Column('key', sa.String(length=40), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('key')
    )


def downgrade() -> None:
    op.drop_table('ledger_state')
    if op.get_context().dialect.name != 'sqlite':
        for column in ('q_low', 'q_high'):
            op.alter_column('claims', column, type_=sa.Integer(), existing_type=sa.BigInteger())
