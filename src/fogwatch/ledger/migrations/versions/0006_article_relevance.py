"""articles: relevance, how likely the article reports armed conflict or political violence;
claims: also_places, the places a claim's clause names alongside its place

Revision ID: 0006
Revises: 0005
"""
from alembic import op
import sqlalchemy as sa

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('articles') as batch:
        batch.add_column(sa.Column('relevance', sa.Float(), nullable=True))
    with op.batch_alter_table('claims') as batch:
        batch.add_column(sa.Column('also_places', sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('claims') as batch:
        batch.drop_column('also_places')
    with op.batch_alter_table('articles') as batch:
        batch.drop_column('relevance')
