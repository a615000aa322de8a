"""Stories across outlets: every stored article joins its story as it arrives (issue 13).

The cross-article layer above the store: `features` (what an article brings), `scoring` (fit
and the join / new / merge decision), `index` (the rows: document frequencies, candidate keys,
centroids, redirects), `assign` (the post-save step and the rebuild) and `queries` (reads).
"""

from .assign import Assignment, assign_pending, assign_story, recluster

__all__ = ["Assignment", "assign_pending", "assign_story", "recluster"]
