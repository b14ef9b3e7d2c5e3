-- topics-units (NLP-5): level and name of the units in $1, to choose and name a topic's place.
SELECT code, level, name FROM boundary WHERE code = ANY ($1::text[])
