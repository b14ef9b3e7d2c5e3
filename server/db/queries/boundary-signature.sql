-- boundary-signature: changes whenever an import adds or replaces a unit (boundary-upsert sets
-- imported_at), so the place recogniser knows when to rebuild (NLP-7) without reading every name.
SELECT count(*)::int AS units, COALESCE(max(imported_at)::text, '') AS last_import FROM boundary
