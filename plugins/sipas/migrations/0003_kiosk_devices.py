"""kiosk devices: registered kiosks and the hashes of their tokens

Revision ID: 0003_kiosk_devices
Revises: 0002_default_survey
"""
from alembic import op
import sqlalchemy as sa


revision = '0003_kiosk_devices'
down_revision = '0002_default_survey'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('sipas_kiosk_device',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_sipas_kiosk_device_created_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sipas_kiosk_device')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_sipas_kiosk_device_token_hash'))
    )


def downgrade():
    op.drop_table('sipas_kiosk_device')
