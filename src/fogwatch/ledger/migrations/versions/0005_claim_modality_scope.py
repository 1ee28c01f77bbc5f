"""claims: modality, scope and period of a figure, and the body a spokesperson speaks for

Revision ID: 0005
Revises: 0004
"""
from alembic import op
import sqlalchemy as sa

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('claims') as batch:
        batch.add_column(sa.Column('modality', sa.String(16), nullable=False, server_default='asserted'))
        batch.add_column(sa.Column('scope', sa.String(12), nullable=True))
        batch.add_column(sa.Column('period', sa.Text(), nullable=True))
        batch.add_column(sa.Column('body_id', sa.String(100), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('claims') as batch:
        batch.drop_column('body_id')
        batch.drop_column('period')
        batch.drop_column('scope')
        batch.drop_column('modality')
