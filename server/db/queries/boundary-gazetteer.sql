-- boundary-gazetteer: every stored unit's code, level, name and parent, for the place recogniser
-- (server/nlp/gazetteer-source.ts); no geometry.
SELECT code, level, name, parent_code FROM boundary ORDER BY code
