"""events from reconcile

Revision ID: 0002
Revises: 0001
"""
from alembic import op
import sqlalchemy as sa

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('events',
    sa.Column('event_id', sa.String(length=40), nullable=False),
    sa.Column('type', sa.Text(), nullable=False),
    sa.Column('subtype', sa.Text(), nullable=False),
    sa.Column('when_start', sa.String(length=10), nullable=True),
    sa.Column('when_end', sa.String(length=10), nullable=True),
    sa.Column('when_precision', sa.String(length=8), nullable=True),
    sa.Column('places', sa.JSON(), nullable=False),
    sa.Column('actors', sa.JSON(), nullable=False),
    sa.Column('claims', sa.JSON(), nullable=False),
    sa.Column('articles', sa.JSON(), nullable=False),
    sa.Column('measures', sa.JSON(), nullable=False),
    sa.Column('disputes', sa.JSON(), nullable=False),
    sa.Column('n_disputes', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('event_id')
    )
    op.create_index('ix_events_when', 'events', ['when_start'])
    op.create_index('ix_claims_event', 'claims', ['event_id'])


def downgrade() -> None:
    op.drop_index('ix_claims_event', table_name='claims')
    op.drop_index('ix_events_when', table_name='events')
    op.drop_table('events')
