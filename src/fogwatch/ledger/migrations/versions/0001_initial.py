"""articles, actors, places and claims

Revision ID: 0001
Revises: 
"""
from alembic import op
import sqlalchemy as sa


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('actors',
    sa.Column('actor_id', sa.String(length=100), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('aliases', sa.JSON(), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('side', sa.String(length=32), nullable=True),
    sa.Column('discovered', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('actor_id')
    )
    op.create_table('articles',
    sa.Column('article_id', sa.String(length=64), nullable=False),
    sa.Column('url', sa.Text(), nullable=True),
    sa.Column('outlet', sa.Text(), nullable=True),
    sa.Column('title', sa.Text(), nullable=True),
    sa.Column('published', sa.String(length=10), nullable=True),
    sa.Column('published_precision', sa.String(length=8), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('lang', sa.String(length=8), nullable=False),
    sa.Column('ingested_at', sa.String(length=32), nullable=True),
    sa.Column('origin', sa.Text(), nullable=True),
    sa.Column('duplicate_of', sa.String(length=64), nullable=True),
    sa.ForeignKeyConstraint(['duplicate_of'], ['articles.article_id'], ),
    sa.PrimaryKeyConstraint('article_id')
    )
    op.create_table('places',
    sa.Column('place_id', sa.String(length=40), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('country', sa.String(length=2), nullable=True),
    sa.Column('admin1', sa.Text(), nullable=True),
    sa.Column('lat', sa.Float(), nullable=False),
    sa.Column('lon', sa.Float(), nullable=False),
    sa.Column('precision', sa.String(length=8), nullable=False),
    sa.Column('geonames_id', sa.Integer(), nullable=True),
    sa.PrimaryKeyConstraint('place_id')
    )
    op.create_table('claims',
    sa.Column('claim_id', sa.String(length=40), nullable=False),
    sa.Column('article_id', sa.String(length=64), nullable=False),
    sa.Column('span_start', sa.Integer(), nullable=False),
    sa.Column('span_end', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('speaker_id', sa.String(length=100), nullable=True),
    sa.Column('via', sa.JSON(), nullable=False),
    sa.Column('cue', sa.Text(), nullable=True),
    sa.Column('hedge', sa.String(length=12), nullable=False),
    sa.Column('predicate', sa.String(length=32), nullable=False),
    sa.Column('agent_id', sa.String(length=100), nullable=True),
    sa.Column('patient_id', sa.String(length=100), nullable=True),
    sa.Column('q_low', sa.Integer(), nullable=True),
    sa.Column('q_high', sa.Integer(), nullable=True),
    sa.Column('q_unit', sa.Text(), nullable=True),
    sa.Column('q_text', sa.Text(), nullable=True),
    sa.Column('q_start', sa.Integer(), nullable=True),
    sa.Column('q_end', sa.Integer(), nullable=True),
    sa.Column('q_approximate', sa.Boolean(), nullable=True),
    sa.Column('q_note', sa.Text(), nullable=True),
    sa.Column('place_id', sa.String(length=40), nullable=True),
    sa.Column('place_text', sa.Text(), nullable=True),
    sa.Column('place_start', sa.Integer(), nullable=True),
    sa.Column('place_end', sa.Integer(), nullable=True),
    sa.Column('when_start', sa.String(length=10), nullable=True),
    sa.Column('when_end', sa.String(length=10), nullable=True),
    sa.Column('when_precision', sa.String(length=8), nullable=True),
    sa.Column('when_text', sa.Text(), nullable=True),
    sa.Column('when_span_start', sa.Integer(), nullable=True),
    sa.Column('when_span_end', sa.Integer(), nullable=True),
    sa.Column('event_id', sa.String(length=40), nullable=True),
    sa.Column('source_start', sa.Integer(), nullable=True),
    sa.Column('source_end', sa.Integer(), nullable=True),
    sa.Column('cue_start', sa.Integer(), nullable=True),
    sa.Column('cue_end', sa.Integer(), nullable=True),
    sa.Column('content_start', sa.Integer(), nullable=True),
    sa.Column('content_end', sa.Integer(), nullable=True),
    sa.Column('identity', sa.Text(), nullable=True),
    sa.Column('negated', sa.Boolean(), nullable=False),
    sa.Column('ordinal', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['agent_id'], ['actors.actor_id'], ),
    sa.ForeignKeyConstraint(['article_id'], ['articles.article_id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['patient_id'], ['actors.actor_id'], ),
    sa.ForeignKeyConstraint(['place_id'], ['places.place_id'], ),
    sa.ForeignKeyConstraint(['speaker_id'], ['actors.actor_id'], ),
    sa.PrimaryKeyConstraint('claim_id')
    )
    with op.batch_alter_table('claims', schema=None) as batch_op:
        batch_op.create_index('ix_claims_article', ['article_id'], unique=False)
        batch_op.create_index('ix_claims_predicate', ['predicate'], unique=False)
        batch_op.create_index('ix_claims_speaker', ['speaker_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('claims', schema=None) as batch_op:
        batch_op.drop_index('ix_claims_speaker')
        batch_op.drop_index('ix_claims_predicate')
        batch_op.drop_index('ix_claims_article')

    op.drop_table('claims')
    op.drop_table('places')
    op.drop_table('articles')
    op.drop_table('actors')
