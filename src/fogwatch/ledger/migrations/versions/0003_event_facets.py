"""event facets for filtering, filled from the events already stored

Revision ID: 0003
Revises: 0002
"""
from alembic import op
import sqlalchemy as sa

from fogwatch.ledger.facets import backfill

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('event_facets',
    sa.Column('event_id', sa.String(length=40), nullable=False),
    sa.Column('facet', sa.String(length=16), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['events.event_id'], ondelete='CASCADE'),
    )
    op.create_index('ix_event_facets', 'event_facets', ['facet', 'value'])
    op.create_index('ix_event_facets_event', 'event_facets', ['event_id'])
    backfill(op.get_bind())


def downgrade() -> None:
    op.drop_index('ix_event_facets_event', table_name='event_facets')
    op.drop_index('ix_event_facets', table_name='event_facets')
    op.drop_table('event_facets')
