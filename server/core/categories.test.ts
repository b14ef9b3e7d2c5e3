import { describe, it } from 'vitest'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { readNyc311 } from '../../test/support/nyc311'
import { DEFAULT_CATEGORIES_FILE, loadTaxonomy } from '../categories-file'
import { CATEGORY_GROUPS, mapExternalCategory, parseTaxonomy } from './categories'

const shipped = () => JSON.parse(readFileSync(DEFAULT_CATEGORIES_FILE, 'utf8'))

/** The shipped file with one change made by `edit`. */
function edited(edit: (file: any) => void) {
  const file = shipped()
  edit(file)
  return file
}

describe('the shipped taxonomy (data/categories.json)', () => {
  const taxonomy = loadTaxonomy()

  it('TAX-1 lists the 13 groups, each with names, colour and icon', () => {
    assert.deepEqual(taxonomy.groups.map((g) => g.code), [...CATEGORY_GROUPS])
    for (const group of taxonomy.groups) assert.match(group.colour, /^#[0-9A-F]{6}$/i)
  })

  it('TAX-2 keeps the codes stored events already carry', () => {
    const codes = taxonomy.categories.map((c) => c.code)
    for (const code of ['flooding', 'drainage', 'traffic', 'roads', 'sidewalk', 'lighting', 'waste', 'noise', 'air', 'water_supply', 'power', 'construction', 'public_order', 'trees', 'health', 'admin', 'other']) {
      assert.ok(codes.includes(code), code)
    }
  })

  it('TAX-2 files each category under its group', () => {
    const groupOf = Object.fromEntries(taxonomy.categories.map((c) => [c.code, c.group]))
    assert.deepEqual(
      [groupOf.sidewalk, groupOf.construction, groupOf.urban_order, groupOf.drainage, groupOf.roads, groupOf.lighting, groupOf.trees, groupOf.bridges, groupOf.air, groupOf.water_pollution, groupOf.water_supply, groupOf.power, groupOf.public_order, groupOf.flooding, groupOf.parking, groupOf.education],
      ['construction', 'construction', 'construction', 'infrastructure', 'infrastructure', 'infrastructure', 'infrastructure', 'infrastructure', 'pollution', 'pollution', 'utilities', 'utilities', 'security', 'flooding', 'traffic', 'education'],
    )
  })

  it('names every category in Vietnamese with its diacritics, and in English', () => {
    // A name typed without its marks ("Ngap nuoc") would have none of the letters Vietnamese adds to ASCII.
    const vietnamese = /[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/i
    for (const c of taxonomy.categories) {
      assert.match(c.name.vi, vietnamese, c.code)
      assert.notEqual(c.name.vi, c.name.en, c.code)
    }
  })

  it('TAX-3 maps every NYC 311 complaint type of the shared file onto a category', () => {
    const codes = new Set(taxonomy.categories.map((c) => c.code))
    const types = [...new Set(readNyc311().map((r) => r.complaint_type))]
    assert.ok(types.length > 100, `${types.length} types`)
    const unmapped = types.filter((type) => !codes.has(mapExternalCategory(taxonomy, 'nyc311', type) ?? ''))
    assert.deepEqual(unmapped, [])
    // `other` only where nothing fits.
    assert.deepEqual(types.filter((type) => mapExternalCategory(taxonomy, 'nyc311', type) === 'other'), ['Lost Property'])
  })
})

describe('mapExternalCategory', () => {
  const taxonomy = loadTaxonomy()

  it('TAX-3 reads another system\'s name as written, surrounding spaces aside', () => {
    assert.equal(mapExternalCategory(taxonomy, 'nyc311', 'Illegal Parking'), 'parking')
    assert.equal(mapExternalCategory(taxonomy, 'nyc311', ' Noise - Residential '), 'noise')
    // Two NYC agencies: PLUMBING is a tenant's (HPD), Plumbing a permit's (DOB).
    assert.equal(mapExternalCategory(taxonomy, 'nyc311', 'PLUMBING'), 'housing')
    assert.equal(mapExternalCategory(taxonomy, 'nyc311', 'Plumbing'), 'construction')
    assert.equal(mapExternalCategory(taxonomy, 'open311', 'ngap_nuoc'), 'flooding')
  })

  it('answers null for a name or a system it does not know', () => {
    assert.equal(mapExternalCategory(taxonomy, 'nyc311', 'illegal parking'), null)
    assert.equal(mapExternalCategory(taxonomy, 'nyc311', 'constructor'), null)
    assert.equal(mapExternalCategory(taxonomy, 'chicago311', 'Illegal Parking'), null)
    assert.equal(mapExternalCategory(taxonomy, 'toString', 'x'), null)
  })

  it('TAX-3 takes another city\'s block without code', () => {
    const withDanang = parseTaxonomy(edited((f) => (f.mappings.danang1022 = { 'Ngập úng': 'flooding' })))
    assert.equal(mapExternalCategory(withDanang, 'danang1022', 'Ngập úng'), 'flooding')
  })
})

describe('parseTaxonomy', () => {
  it('TAX-4 refuses a bad file, naming the entry at fault and the reason', () => {
    const cases: Array<[string, (file: any) => void, string]> = [
      ['unknown group', (f) => (f.categories[3].group = 'transport'), 'categories[3].group "transport" is not one of the 13 groups (traffic, flooding, waste, noise, pollution, construction, security, utilities, infrastructure, admin, health, education, other)'],
      ['a group missing', (f) => f.groups.splice(11, 1), 'groups lacks "education": all 13 groups are listed'],
      ['a group twice', (f) => (f.groups[12].code = 'traffic'), 'groups[12].code "traffic" appears twice'],
      ['a 14th group', (f) => f.groups.push({ ...f.groups[0], code: 'transport' }), 'groups[13].code "transport" is not one of the 13 groups (traffic, flooding, waste, noise, pollution, construction, security, utilities, infrastructure, admin, health, education, other)'],
      ['a code twice', (f) => (f.categories[1].code = 'flooding'), 'categories[1].code "flooding" appears twice'],
      ['a bad code', (f) => (f.categories[0].code = 'Ngập'), 'categories[0].code must be a lower-case identifier (a-z, 0-9, _)'],
      ['no SLA', (f) => delete f.categories[2].sla_hours, 'categories[2].sla_hours must be a number of hours'],
      ['a negative SLA', (f) => (f.categories[2].sla_hours = -4), 'categories[2].sla_hours must be a positive number of hours'],
      ['no English name', (f) => delete f.categories[4].name.en, 'categories[4].name.en is required'],
      ['a blank name', (f) => (f.groups[2].name.vi = ' '), 'groups[2].name.vi must not be empty'],
      ['a colour by name', (f) => (f.categories[5].colour = 'blue'), 'categories[5].colour must be a hex colour such as #3B82F6'],
      ['a misspelt field', (f) => (f.categories[6].sla = 4), 'categories[6].sla is not a field of the taxonomy: remove it or check its spelling'],
      ['an unknown datatype', (f) => (f.categories[0].attributes[0].datatype = 'integer'), 'categories[0].attributes[0].datatype "integer" is not a GeoReport v2 datatype (string, number, datetime, text, singlevaluelist, multivaluelist)'],
      ['a list without values', (f) => delete f.categories[0].attributes[1].values, 'categories[0].attributes[1].values is required for a singlevaluelist'],
      ['a value twice', (f) => (f.categories[0].attributes[1].values[1].key = 'ankle'), 'categories[0].attributes[1].values[1].key "ankle" appears twice'],
      ['bounds crossed', (f) => (f.categories[0].attributes[0].min = 400), 'categories[0].attributes[0].min 400 is above max 300'],
      ['bounds on text', (f) => (f.categories[0].attributes[1].max = 3), 'categories[0].attributes[1].max is only for datatype number, not singlevaluelist'],
      ['an attribute twice', (f) => f.categories[0].attributes.push(f.categories[0].attributes[0]), 'categories[0].attributes[2].code "depth_cm" appears twice'],
      ['a reserved attribute', (f) => (f.categories[0].attributes[0].code = 'media_url'), 'categories[0].attributes[0].code is kept for an Open311 field (media_url, address_id): choose another code'],
      ['a mapping to an unknown code', (f) => (f.mappings.nyc311['Illegal Parking'] = 'parkin'), 'mappings.nyc311["Illegal Parking"] "parkin" is not a category code'],
      ['a system name with spaces', (f) => (f.mappings['new york'] = {}), 'mappings["new york"] must be a lower-case identifier (a-z, 0-9, _)'],
      ['a blank external name', (f) => (f.mappings.nyc311[' '] = 'other'), 'mappings.nyc311[" "] must not be empty, nor start or end with a space'],
      ['another version', (f) => (f.version = 3), 'version must be 2'],
    ]
    for (const [what, edit, message] of cases) assert.throws(() => parseTaxonomy(edited(edit)), { message }, what)
  })

  it('says what to do with a version-1 list', () => {
    assert.throws(() => parseTaxonomy(shipped().categories), /version 1.*version 2 is an object \{version, groups, categories, mappings\}/)
    assert.throws(() => parseTaxonomy('flooding'), /must hold an object/)
  })

  it('takes a file without mappings', () => {
    assert.deepEqual(parseTaxonomy(edited((f) => delete f.mappings)).mappings, {})
  })
})
