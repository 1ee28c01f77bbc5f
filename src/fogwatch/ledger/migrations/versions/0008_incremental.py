"""articles: minhash, the stored near-duplicate signature, and reconciled; event_scope, where and
when each event can lie, so that reconcile and the near-duplicate index need not re-read the ledger

Revision ID: 0008
Revises: 0007
"""
from alembic import op
import sqlalchemy as sa

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Both columns start NULL: signatures are computed once at the next ingest, and the next
    # reconcile is a full one (no event has a scope yet).
    with op.batch_alter_table('articles') as batch:
        batch.add_column(sa.Column('minhash', sa.LargeBinary(), nullable=True))
        batch.add_column(sa.Column('reconciled', sa.Boolean(), nullable=True))
    op.create_table('event_scope',
    sa.Column('event_id', sa.String(length=40), nullable=False),
    sa.Column('article_id', sa.String(length=64), nullable=False),
    sa.Column('country', sa.String(length=2), nullable=False),
    sa.Column('region', sa.Text(), nullable=False),
    sa.Column('lo', sa.String(length=10), nullable=True),
    sa.Column('hi', sa.String(length=10), nullable=True),
    sa.ForeignKeyConstraint(['event_id'], ['events.event_id'], ondelete='CASCADE')
    )
    op.create_index('ix_event_scope_article', 'event_scope', ['article_id'])
    op.create_index('ix_event_scope_where', 'event_scope', ['country', 'lo'])
    op.create_index('ix_event_scope_event', 'event_scope', ['event_id'])


def downgrade() -> None:
    op.drop_table('event_scope')
    with op.batch_alter_table('articles') as batch:
        batch.drop_column('reconciled')
        batch.drop_column('minhash')
