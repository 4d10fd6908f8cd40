"""Case search. Interim substring search; replaced by full-text backends (FTS5 / tsvector)."""

from __future__ import annotations

from django.db.models import QuerySet

from kalm.cases.models import Case


def search_cases(qs: QuerySet[Case], query: str) -> QuerySet[Case]:
    query = query.strip()
    if not query:
        return qs
    return qs.filter(search_document__icontains=query)
