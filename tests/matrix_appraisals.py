"""Access-matrix rows for the appraisals app's URLs, one file a topic."""

from tests import (
    matrix_appraisals_appraisal,
    matrix_appraisals_booklet,
    matrix_appraisals_cycles,
    matrix_appraisals_exports,
)

ROWS = {
    **matrix_appraisals_cycles.ROWS,
    **matrix_appraisals_appraisal.ROWS,
    **matrix_appraisals_booklet.ROWS,
    **matrix_appraisals_exports.ROWS,
}

WORLD_EXTRAS = [
    matrix_appraisals_cycles.world_extras,
    matrix_appraisals_appraisal.world_extras,
    matrix_appraisals_booklet.world_extras,
    matrix_appraisals_exports.world_extras,
]
