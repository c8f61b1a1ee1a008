"""Searching the anonymised feedback text: PostgreSQL's full-text search, or a plain contains.

PostgreSQL ranks matches with its English configuration and reads the query as a web search
("long wait" -wheelchair, "car park" or parking); SQLite, the one-machine database, has no such
search, so there a response matches when its text contains the query, ignoring case.
"""

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import QuerySet

SEARCH_CONFIG = "english"
MAX_QUERY_LENGTH = 200


def search_feedback(queryset: QuerySet, *, query: str) -> QuerySet:
    """The responses whose text matches `query`, best match first on PostgreSQL."""
    query = query.strip()
    if not query:
        return queryset
    if connection.vendor != "postgresql":
        return queryset.filter(text__icontains=query)
    # The GIN index of migration 0014 is on this very expression: change both or neither.
    vector = SearchVector("text", config=SEARCH_CONFIG)
    wanted = SearchQuery(query, search_type="websearch", config=SEARCH_CONFIG)
    return (
        queryset.annotate(search_vector=vector, search_rank=SearchRank(vector, wanted))
        .filter(search_vector=wanted)
        .order_by("-search_rank", "-received_at", "-pk")
    )
