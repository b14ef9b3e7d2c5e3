-- topics-units (NLP-5): level, name and parent's name of the units in $1, to choose and name a topic's place.
SELECT unit.code, unit.level, unit.name, parent.name AS parent_name
FROM boundary AS unit
LEFT JOIN boundary AS parent ON parent.code = unit.parent_code
WHERE unit.code = ANY ($1::text[])
