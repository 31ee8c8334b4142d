"""Operating a site: ``cms backup`` writes one archive that ``cms restore``
brings back on a new machine.

An archive (tar.gz) holds the database (``database/``), the uploads
(``uploads/``, from ``UPLOAD_FOLDER``), every other site file of the instance
folder (``instance/``: ``config.py``, plugin folders such as ``gallery/``) and
``manifest.json``: versions, Alembic heads and a SHA-256 checksum of every
member. Modules: :mod:`.manifest` (what an archive says about itself),
:mod:`.archive` (writing and verifying the tar.gz), :mod:`.dumps` (the
database, per kind), :mod:`.sitefiles` (which files belong to a site),
:mod:`.backup` and :mod:`.restore` (the two procedures), :mod:`.site` (the
only module that imports the core) and :mod:`.cli` (the commands).
"""


class OperationError(Exception):
    """A backup or restore that cannot go on; the message tells the operator why."""
