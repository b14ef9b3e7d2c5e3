import { describe, it } from 'vitest'
import assert from 'node:assert/strict'
import { loadTaxonomy } from '../categories-file'
import { appErrorOf } from '../../test/support/app-error'
import { checkAttributes, resolveServiceCode, toServiceDefinition, toServices } from './open311-services'

const taxonomy = loadTaxonomy()
const category = (code: string) => taxonomy.categories.find((c) => c.code === code)!

const fault = appErrorOf

describe('toServices', () => {
  it('OPEN311-2 lists every category, with metadata where it has attributes and its group by name', () => {
    const services = toServices(taxonomy, 'vi')
    assert.equal(services.length, taxonomy.categories.length)
    const flooding = services.find((s) => s.service_code === 'flooding')!
    assert.deepEqual(flooding, { service_code: 'flooding', service_name: 'Ngập nước', description: 'Ngập nước / Flooding', metadata: true, type: 'realtime', keywords: 'flooding', group: 'Ngập nước' })
    const sidewalk = toServices(taxonomy, 'en').find((s) => s.service_code === 'sidewalk')!
    assert.deepEqual([sidewalk.metadata, sidewalk.group, sidewalk.keywords], [false, 'Building control and urban order', 'sidewalk'])
  })
})

describe('toServiceDefinition', () => {
  it('OPEN311-2 describes each attribute in the spec\'s fields, in the locale asked', () => {
    assert.deepEqual(toServiceDefinition(category('flooding'), 'en'), {
      service_code: 'flooding',
      attributes: [
        { variable: true, code: 'depth_cm', datatype: 'number', required: false, datatype_description: 'A number from 0 to 300', order: 1, description: 'Water depth (cm)', values: [] },
        {
          variable: true,
          code: 'water_level',
          datatype: 'singlevaluelist',
          required: false,
          datatype_description: 'One of the values',
          order: 2,
          description: 'How high is the water?',
          values: [
            { key: 'ankle', name: 'Ankle' },
            { key: 'knee', name: 'Knee' },
            { key: 'waist', name: 'Waist' },
            { key: 'above_waist', name: 'Above the waist' },
          ],
        },
      ],
    })
    assert.equal(toServiceDefinition(category('flooding'), 'vi').attributes[1]!.values[0]!.name, 'Mắt cá chân')
    assert.deepEqual(toServiceDefinition(category('sidewalk'), 'vi'), { service_code: 'sidewalk', attributes: [] })
  })
})

describe('resolveServiceCode', () => {
  it('TAX-3 files another Open311 system\'s code under ours; ours and unknown ones stay', () => {
    assert.deepEqual(['flooding', 'ngap_nuoc', 'streetlight', 'potholes'].map((code) => resolveServiceCode(taxonomy, code)), ['flooding', 'flooding', 'lighting', 'potholes'])
  })
})

describe('checkAttributes', () => {
  it('OPEN311-4 parses each declared attribute to its datatype', () => {
    assert.deepEqual(checkAttributes(category('flooding'), { depth_cm: ' 35.5 ', water_level: 'knee' }), { depth_cm: 35.5, water_level: 'knee' })
    assert.deepEqual(checkAttributes(category('flooding'), { depth_cm: 0 }), { depth_cm: 0 })
    assert.deepEqual(checkAttributes(category('power'), { outage_started_at: '2026-11-24T08:30:00+07:00' }), { outage_started_at: '2026-11-24T01:30:00.000Z' })
    assert.deepEqual(checkAttributes(category('illegal_dumping'), { waste_type: ['debris', 'bulky', 'debris'] }), { waste_type: ['debris', 'bulky'] })
    assert.deepEqual(checkAttributes(category('illegal_dumping'), { waste_type: 'debris' }), { waste_type: ['debris'] })
    assert.deepEqual(checkAttributes(category('food_safety'), { establishment: ' Quán Cơm 68 ', symptoms: 'Đau bụng,\nsốt' }), { establishment: 'Quán Cơm 68', symptoms: 'Đau bụng,\nsốt' })
    assert.deepEqual(checkAttributes(category('bridges'), { bridge_name: 'Cầu Sài Gòn' }), { bridge_name: 'Cầu Sài Gòn' })
  })

  it('OPEN311-4 leaves out optional attributes sent blank', () => {
    assert.deepEqual(checkAttributes(category('flooding'), { depth_cm: '', water_level: '' }), {})
  })

  it('OPEN311-4 takes any attributes for a category that declares none, and for an unknown one (refused later by its code)', () => {
    assert.deepEqual(checkAttributes(category('sidewalk'), { anything: 'x' }), { anything: 'x' })
    assert.deepEqual(checkAttributes(undefined, { anything: 'x' }), { anything: 'x' })
  })

  it('OPEN311-4 refuses a value its definition does not allow, naming attribute[code] and why', () => {
    const cases: Array<[string, Record<string, unknown>, string, string]> = [
      ['flooding', { depth: '30' }, 'attribute[depth]', '"depth" is not an attribute of flooding: its attributes are depth_cm, water_level (GET services/flooding.json)'],
      ['flooding', { depth_cm: 'deep' }, 'attribute[depth_cm]', '"deep" is not a number'],
      ['flooding', { depth_cm: '30cm' }, 'attribute[depth_cm]', '"30cm" is not a number'],
      ['flooding', { depth_cm: '350' }, 'attribute[depth_cm]', '350 is outside 0…300'],
      ['flooding', { depth_cm: -1 }, 'attribute[depth_cm]', '-1 is outside 0…300'],
      ['flooding', { depth_cm: ['10', '20'] }, 'attribute[depth_cm]', 'was sent 2 times: send one value'],
      ['flooding', { water_level: 'neck' }, 'attribute[water_level]', '"neck" is not one of ankle, knee, waist, above_waist'],
      ['illegal_dumping', { waste_type: ['debris', 'cars'] }, 'attribute[waste_type]', '"cars" is not one of household, debris, bulky, hazardous'],
      ['power', { outage_started_at: '2026-11-24 08:30' }, 'attribute[outage_started_at]', '"2026-11-24 08:30" is not an ISO 8601 date-time such as 2026-11-24T08:30:00+07:00'],
      ['power', { outage_started_at: '2026-11-24T08:30:00' }, 'attribute[outage_started_at]', '"2026-11-24T08:30:00" has no time zone — add Z or an offset such as +07:00'],
      ['bridges', { bridge_name: { name: 'x' } }, 'attribute[bridge_name]', 'must be text'],
      ['bridges', { bridge_name: 'Cầu\nSài Gòn' }, 'attribute[bridge_name]', 'must be one line (datatype string)'],
      ['bridges', { bridge_name: 'x'.repeat(501) }, 'attribute[bridge_name]', 'is 501 characters long: at most 500'],
      ['food_safety', { symptoms: 'x'.repeat(4001) }, 'attribute[symptoms]', 'is 4001 characters long: at most 4000'],
    ]
    for (const [code, attributes, field, message] of cases) {
      assert.deepEqual(fault(() => checkAttributes(category(code), attributes)), { status: 400, field, message }, JSON.stringify(attributes).slice(0, 80))
    }
  })

  it('OPEN311-4 refuses a request without a required attribute, blank counting as missing', () => {
    // The shipped file requires none (a replayed feed has no answers to give); another city's may.
    const bridges = category('bridges')
    const strict = { ...bridges, attributes: bridges.attributes!.map((a) => ({ ...a, required: true })) }
    for (const attributes of [{}, { bridge_name: '  ' }, { bridge_name: ['', ''] }]) {
      assert.deepEqual(fault(() => checkAttributes(strict, attributes)), {
        status: 400,
        field: 'attribute[bridge_name]',
        message: 'is required for bridges: Name of the bridge or tunnel (GET services/bridges.json)',
      })
    }
    assert.deepEqual(checkAttributes(strict, { bridge_name: 'Cầu Ông Lãnh' }), { bridge_name: 'Cầu Ông Lãnh' })
  })
})
